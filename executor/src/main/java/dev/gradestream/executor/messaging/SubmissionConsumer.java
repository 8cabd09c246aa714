package dev.gradestream.executor.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.trace.TraceContext;
import dev.gradestream.protocol.validation.InvalidSubmissionException;
import dev.gradestream.protocol.validation.SubmissionParser;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Grades each record of {@code submissions}. The record is acknowledged (its offset may be committed)
 * only after its terminal event and its verdict are in Kafka; a record that is not a valid submission is nacked, which
 * sends it to {@code submissions.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class SubmissionConsumer {
    private static final Duration VERDICT_ACK_TIMEOUT = Duration.ofSeconds(60);

    private final GradingEngine engine;
    private final StageEventPublisher publisher;
    private final VerdictPublisher verdicts;
    private final JobDrain drain;

    SubmissionConsumer(GradingEngine engine, StageEventPublisher publisher, VerdictPublisher verdicts, JobDrain drain) {
        this.engine = engine;
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.drain = drain;
    }

    @Incoming(ExecutorChannels.SUBMISSIONS_IN)
    @Blocking(value = ExecutorChannels.GRADING_POOL, ordered = false)
    public CompletionStage<Void> grade(Message<byte[]> record) {
        Optional<String> key = recordKey(record);
        Submission submission;
        try {
            submission = SubmissionParser.parse(record.getPayload());
        } catch (InvalidSubmissionException e) {
            key.ifPresent(id -> tellWatchers(id, "The submission was rejected: " + e.getMessage(), JobTrace.of(record)));
            return record.nack(e);
        }
        String id = submission.id() != null ? submission.id() : key.orElseGet(Ids::newSubmissionId);
        if (!drain.tryStart()) {
            // Shutting down: never acknowledged, so never committed; the partition's next owner grades it.
            return new CompletableFuture<>();
        }
        try {
            String attempt = Ids.newSubmissionId();
            TraceContext trace = JobTrace.of(record);
            Verdict verdict = engine.grade(submission.withId(id), attempt, new KafkaEventSink(publisher, id, attempt, trace));
            // Only once the verdict is safely in Kafka may the submission's offset be committed.
            verdicts.publish(verdict, trace).await().atMost(VERDICT_ACK_TIMEOUT);
            return record.ack();
        } finally {
            drain.finished();
        }
    }

    private void tellWatchers(String submissionId, String reason, TraceContext trace) {
        KafkaEventSink sink = new KafkaEventSink(publisher, submissionId, Ids.newSubmissionId(), trace);
        sink.emit(EventType.ERROR, JsonNodeFactory.instance.objectNode().put("reason", reason));
    }

    private static Optional<String> recordKey(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getKey)
                .map(Object::toString);
    }
}
