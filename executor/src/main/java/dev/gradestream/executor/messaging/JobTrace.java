package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.trace.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The trace context of a grading job: a child span of the one its {@code submissions} record carries
 * (or a new trace when the producer sent none), put on every {@code results} and {@code verdicts} record
 * the job writes and on its log lines.
 */
public final class JobTrace {
    private JobTrace() {
    }

    public static TraceContext of(ConsumerRecord<?, ?> submission) {
        return TraceContext.fromHeaders(submission.headers()).child();
    }
}
