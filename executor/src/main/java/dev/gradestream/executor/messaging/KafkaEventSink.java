package dev.gradestream.executor.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;

/**
 * Numbers and stamps the engine's events for one attempt and sends them. Sends are not awaited one by
 * one (order is kept by the producer); the terminal event is, because the submission's offset may be
 * committed only once that event is safely in Kafka.
 */
final class KafkaEventSink implements EventSink {
    private static final Duration TERMINAL_ACK_TIMEOUT = Duration.ofSeconds(60);

    private final StageEventPublisher publisher;
    private final String submissionId;
    private final String attempt;
    private final TraceContext trace;
    private final String regrade;
    private int seq;
    private Uni<Void> lastSend = Uni.createFrom().voidItem();

    /** @param trace put on every event's record: the job's span in the submission's trace ({@link JobTrace}) */
    /** @param regrade the regrade this attempt belongs to, on every event; null for an ordinary grading */
    KafkaEventSink(StageEventPublisher publisher, String submissionId, String attempt, TraceContext trace, String regrade) {
        this.regrade = regrade;
        this.publisher = publisher;
        this.submissionId = submissionId;
        this.attempt = attempt;
        this.trace = trace;
    }

    @Override
    public void emit(EventType type, JsonNode data) {
        StageEvent event = new StageEvent(submissionId, attempt, ++seq, type, Instant.now(), data, regrade);
        Uni<Void> send = publisher.publish(event, trace).memoize().indefinitely();
        send.subscribe().with(ignored -> { }, failure -> { }); // start now; failures surface below
        lastSend = send;
        if (type.isTerminal()) {
            awaitLastSend();
        }
    }

    @Override
    public String traceId() {
        return trace.traceId();
    }

    /** Blocks until the most recent event is acknowledged; the producer acks in order, so all are. */
    void awaitLastSend() {
        lastSend.await().atMost(TERMINAL_ACK_TIMEOUT);
    }
}
