package dev.gradestream.results.messaging;

import dev.gradestream.protocol.trace.LogFields;
import dev.gradestream.protocol.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Logs a record of {@code results} that could not be read and is skipped. Only executors write there, so
 * it is a bug to see, not to retry; the line names the submission (the key) and the trace it carries.
 */
public final class UnreadableRecords {
    private static final Logger LOG = Logger.getLogger(UnreadableRecords.class);

    private UnreadableRecords() {
    }

    public static void skip(ConsumerRecord<String, byte[]> record, Exception cause) {
        Optional.ofNullable(record.key()).ifPresent(key -> MDC.put(LogFields.SUBMISSION_ID, key));
        Optional.ofNullable(record.headers().lastHeader(TraceContext.TRACEPARENT)).map(Header::value)
                .flatMap(value -> TraceContext.parse(new String(value, StandardCharsets.US_ASCII), null))
                .ifPresent(trace -> MDC.put(LogFields.TRACE_ID, trace.traceId()));
        try {
            LOG.errorf("Skipping unreadable record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), cause.getMessage());
        } finally {
            MDC.remove(LogFields.SUBMISSION_ID);
            MDC.remove(LogFields.TRACE_ID);
        }
    }
}
