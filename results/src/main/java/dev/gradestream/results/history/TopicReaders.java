package dev.gradestream.results.history;

import dev.gradestream.results.config.ResultsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A small pool of group-less consumers for reading a slice of a topic on demand (a submission's past
 * events, a stored verdict). A Kafka consumer is single-threaded, so each reader borrows one for the
 * length of its read; creating one per request would cost a metadata round trip every time.
 */
@ApplicationScoped
public class TopicReaders {
    private final Map<String, Object> consumerConfig;
    private final BlockingQueue<KafkaConsumer<String, byte[]>> idle;
    private final Semaphore slots;

    TopicReaders(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ResultsConfig config) {
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.CLIENT_ID_CONFIG, "gradestream-history-reader",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        int size = config.history().readers();
        this.idle = new ArrayBlockingQueue<>(size);
        this.slots = new Semaphore(size);
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
        KafkaConsumer<String, byte[]> consumer = idle.poll();
        boolean healthy = false;
        try {
            if (consumer == null) {
                consumer = new KafkaConsumer<>(consumerConfig);
            }
            T result = read.apply(consumer);
            healthy = true;
            return result;
        } finally {
            if (consumer != null) {
                if (healthy) {
                    consumer.unsubscribe();
                    idle.offer(consumer);
                } else {
                    consumer.close();
                }
            }
            slots.release();
        }
    }

    @PreDestroy
    void close() {
        KafkaConsumer<String, byte[]> consumer;
        while ((consumer = idle.poll()) != null) {
            consumer.close();
        }
    }
}
