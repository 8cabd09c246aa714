package dev.gradestream.results.history;

import dev.gradestream.results.config.ResultsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group-less consumers for reading a slice of a topic on demand (a submission's past events, a stored
 * verdict), at most a few at once so a burst of cold reads cannot flood the brokers. Each read gets a
 * fresh consumer: pooled ones, reassigned and re-seeked between reads, now and then returned an empty
 * slice for a key that was there (TopicSlicesTest caught it, about one run in three), and a new
 * consumer costs only a metadata round trip.
 */
@ApplicationScoped
public class TopicReaders {
    private final Map<String, Object> consumerConfig;
    private final Semaphore slots;
    private final AtomicLong opened = new AtomicLong();

    TopicReaders(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ResultsConfig config) {
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.CLIENT_ID_CONFIG, "gradestream-history-reader",
                // Reads stop at the end offset; a long poll would only add latency.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.slots = new Semaphore(config.history().readers());
    }

    /** How many readers were opened so far: each is a consumer and its connection, the cost of a cold read. */
    public long opened() {
        return opened.get();
    }

    /** Runs {@code read} with a consumer of its own; it may assign and seek as it likes. */
    public <T> T with(Function<KafkaConsumer<String, byte[]>, T> read) {
        try {
            if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("every history reader stayed busy for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a history reader", e);
        }
        opened.incrementAndGet();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            return read.apply(consumer);
        } finally {
            slots.release();
        }
    }
}
