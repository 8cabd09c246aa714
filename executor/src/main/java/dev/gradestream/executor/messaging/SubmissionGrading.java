package dev.gradestream.executor.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradestream.executor.config.ExecutorConfig;
import dev.gradestream.executor.grading.Grader;
import dev.gradestream.executor.logging.JobLogContext;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.trace.TraceContext;
import dev.gradestream.protocol.validation.InvalidSubmissionException;
import dev.gradestream.protocol.validation.SubmissionParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * One record of {@code submissions} (or {@code submissions.regrade}), from bytes to an outcome in Kafka:
 * a verdict, or a dead letter. It returns only when that outcome is acknowledged, so the caller may then
 * count the record's offset as done; it throws when it is not, and the offset must stay uncommitted.
 */
@ApplicationScoped
public class SubmissionGrading {
    private static final Logger LOG = Logger.getLogger(SubmissionGrading.class);
    private static final Duration VERDICT_ACK_TIMEOUT = Duration.ofSeconds(60);

    private final Grader grader;
    private final StageEventPublisher publisher;
    private final VerdictPublisher verdicts;
    private final DeadLetters deadLetters;
    private final int maxAttempts;

    SubmissionGrading(Grader grader, StageEventPublisher publisher, VerdictPublisher verdicts, DeadLetters deadLetters,
            ExecutorConfig config) {
        this.grader = grader;
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.deadLetters = deadLetters;
        this.maxAttempts = config.maxAttempts();
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        TraceContext trace = JobTrace.of(record);
        Submission submission;
        try {
            submission = SubmissionParser.parse(record.value());
        } catch (InvalidSubmissionException e) {
            Optional<String> id = idIn(record);
            try (JobLogContext ignored = JobLogContext.open(id.orElse(null), null, trace.traceId())) {
                giveUp(record, id, trace, new DeadLetter("Not graded: " + e.getMessage()
                        + ". Fix the submission and send it again.", e));
            }
            return;
        }
        String id = submission.id() != null ? submission.id() : Optional.ofNullable(record.key()).orElseGet(Ids::newSubmissionId);
        try (JobLogContext ignored = JobLogContext.open(id, null, trace.traceId())) {
            gradeWithRetries(record, submission.withId(id), trace, RegradeHeaders.applies(record));
        }
    }

    private void gradeWithRetries(ConsumerRecord<String, byte[]> record, Submission submission, TraceContext trace,
            boolean applyRegrade) {
        String id = submission.id();
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                grade(submission, trace, applyRegrade);
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "Grading %s failed (attempt %d of %d)", id, attempt, maxAttempts);
                failure = e;
            }
        }
        giveUp(record, Optional.of(id), trace, new DeadLetter("Not graded: the grader failed on all " + maxAttempts
                + " attempts, the last time with " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + ". The submission may well be fine; tell the GradeStream operators, who can send it again from "
                + "submissions.dlq.", failure));
    }

    /**
     * A new attempt: its events, then its verdict, each acknowledged. A regrade's verdict goes to
     * {@code verdicts} only when the regrade says to apply it; otherwise it lives in its events alone.
     */
    private void grade(Submission submission, TraceContext trace, boolean applyRegrade) {
        String attempt = Ids.newSubmissionId();
        String regrade = submission.regrade();
        Verdict verdict = grader.grade(submission, attempt,
                new KafkaEventSink(publisher, submission.id(), attempt, trace, regrade));
        if (regrade == null || applyRegrade) {
            // Only once the verdict is safely in Kafka may the submission's offset be committed.
            verdicts.publish(verdict, trace).await().atMost(VERDICT_ACK_TIMEOUT);
        }
    }

    private void giveUp(ConsumerRecord<String, byte[]> record, Optional<String> id, TraceContext trace, DeadLetter why) {
        deadLetters.send(record, why);
        // The dead letter is what keeps the record; telling watchers is a courtesy that may fail alone.
        id.ifPresent(submissionId -> {
            try {
                new KafkaEventSink(publisher, submissionId, Ids.newSubmissionId(), trace, RegradeHeaders.regradeOf(record))
                        .emit(EventType.ERROR, JsonNodeFactory.instance.objectNode().put("reason", why.reason()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not tell the watchers of %s why it was not graded", submissionId);
            }
        });
    }

    /** The id a rejected record names: its {@code id} field if it has one, else its key. */
    private static Optional<String> idIn(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null) {
            try {
                JsonNode tree = Json.mapper().readTree(record.value());
                JsonNode id = tree == null ? null : tree.path("id");
                if (id != null && id.isTextual() && !id.textValue().isBlank()) {
                    return Optional.of(id.textValue());
                }
            } catch (IOException notJson) {
                // then only the key can name it
            }
        }
        return Optional.ofNullable(record.key());
    }
}
