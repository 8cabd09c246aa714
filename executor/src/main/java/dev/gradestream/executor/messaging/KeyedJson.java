package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.trace.TraceContext;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How the executor writes a record: JSON value, the submission id as key, the schema version header and
 * the job's trace context ({@code traceparent}, {@code tracestate}).
 */
final class KeyedJson {
    private KeyedJson() {
    }

    static Message<byte[]> message(String submissionId, Object value, TraceContext trace) {
        return message(submissionId, value, trace, null);
    }

    /** @param regrade the regrade the record belongs to, put in a header so readers can route it unparsed */
    static Message<byte[]> message(String submissionId, Object value, TraceContext trace, String regrade) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, Headers.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        if (regrade != null) {
            headers.add(Headers.REGRADE, regrade.getBytes(StandardCharsets.UTF_8));
        }
        trace.toHeaders(headers);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(submissionId)
                .withHeaders(headers)
                .build();
        return Message.of(Json.toBytes(value)).addMetadata(metadata);
    }
}
