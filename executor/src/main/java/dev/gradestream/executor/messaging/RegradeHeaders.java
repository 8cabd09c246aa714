package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.Headers;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What a {@code submissions.regrade} record's headers say about its regrade. */
final class RegradeHeaders {
    private RegradeHeaders() {
    }

    /** Whether the regrade's verdict is to replace the submission's verdict in {@code verdicts}. */
    static boolean applies(ConsumerRecord<?, ?> record) {
        return "true".equals(text(record, Headers.REGRADE_APPLY));
    }

    /** The regrade id, also for a record whose value could not be read; null outside a regrade. */
    static String regradeOf(ConsumerRecord<?, ?> record) {
        return text(record, Headers.REGRADE);
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
