package dev.gradestream.ingest.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Puts an accepted submission on the {@code submissions} topic, keyed by its id, with its trace context. */
@ApplicationScoped
public class SubmissionPublisher {
    private final MutinyEmitter<byte[]> emitter;

    SubmissionPublisher(@Channel(IngestChannels.SUBMISSIONS_OUT) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes once Kafka has acknowledged the record: only then is the submission safe.
     *
     * @param trace ingest's span in the submission's trace; the executor's spans are its children
     */
    public Uni<Void> publish(Submission submission, TraceContext trace) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, Headers.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        trace.toHeaders(headers);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(submission.id())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(Json.toBytes(submission)).addMetadata(metadata));
    }

}
