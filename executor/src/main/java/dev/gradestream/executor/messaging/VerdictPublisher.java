package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Verdict;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes each final verdict to {@code verdicts}, keyed by submission id: the topic is compacted, so it
 * keeps the latest verdict of every submission for as long as the cluster keeps anything.
 */
@ApplicationScoped
public class VerdictPublisher {
    private final MutinyEmitter<byte[]> emitter;

    VerdictPublisher(@Channel(ExecutorChannels.VERDICTS_OUT) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has acknowledged the verdict. */
    public Uni<Void> publish(Verdict verdict) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.SCHEMA, Headers.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(verdict.id())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(Json.toBytes(verdict)).addMetadata(metadata));
    }
}
