package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.StageEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes stage events to {@code results}, keyed by submission id: one key, one partition, one
 * producer, so a submission's events stay in the order they were sent.
 */
@ApplicationScoped
public class StageEventPublisher {
    private final MutinyEmitter<byte[]> emitter;

    StageEventPublisher(@Channel(ExecutorChannels.RESULTS_OUT) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has acknowledged the event. */
    public Uni<Void> publish(StageEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, Headers.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.submissionId())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(Json.toBytes(event)).addMetadata(metadata));
    }

}
