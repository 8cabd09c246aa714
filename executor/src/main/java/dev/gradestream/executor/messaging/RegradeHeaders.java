package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.Headers;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a {@code submissions.regrade} record's headers say about its regrade. */
final class RegradeHeaders {
    private RegradeHeaders() {
    }

    /** Whether the regrade's verdict is to replace the submission's verdict in {@code verdicts}. */
    static boolean applies(ConsumerRecord<?, ?> record) {
        return "true".equals(Headers.text(record.headers(), Headers.REGRADE_APPLY));
    }

    /** The regrade id, also for a record whose value could not be read; null outside a regrade. */
    static String regradeOf(ConsumerRecord<?, ?> record) {
        return Headers.text(record.headers(), Headers.REGRADE);
    }
}
