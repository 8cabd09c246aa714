package dev.gradestream.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.bench.support.GradeStreamClient.Posted;
import dev.gradestream.bench.support.SseEvent;
import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * As another service would (DESIGN §1, "other services ─produce─▶ submissions"): the Submission JSON
 * produced straight to the {@code submissions} topic with the Kafka producer, with its own UUIDv7 id in the
 * value and as the key, and the schema header {@code gs-schema: 1}. Taken once the broker acknowledges it
 * ({@code acks=all}). The read path finds such an id by looking on {@code submissions} around its time.
 */
public final class KafkaTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public KafkaTransport(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "gradestream-bench",
                ProducerConfig.ACKS_CONFIG, "all",
                // As the app's own producers (FACTS: linger 0 took POST→SSE from ~30 to ~14 ms).
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public CompletableFuture<Posted> submit(String json) {
        String id = Ids.newSubmissionId();
        byte[] value;
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(json);
            body.put("id", id);
            value = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SUBMISSIONS, id, value);
        record.headers().add(Headers.SCHEMA, Headers.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Posted> taken = new CompletableFuture<>();
        long sent = SseEvent.nowMicros();
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                taken.completeExceptionally(failure);
            } else {
                taken.complete(new Posted(id, sent));
            }
        });
        return taken;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void close() {
        producer.close();
    }
}
