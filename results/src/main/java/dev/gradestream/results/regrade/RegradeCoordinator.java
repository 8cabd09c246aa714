package dev.gradestream.results.regrade;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.messaging.ResultsChannels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the selection of each new regrade request on exactly one instance: the one the consumer group
 * gives the request's partition of {@code regrades}. A request's offset is committed only after its
 * selection was recorded (the request written again with how it ended), so a request whose instance
 * died mid-selection is selected again by the next owner, which skips what was already republished.
 */
@ApplicationScoped
public class RegradeCoordinator {
    private static final Logger LOG = Logger.getLogger(RegradeCoordinator.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final RegradeSelector selector;
    private final RegradeProducer producer;
    private final RegradeBook book;
    private final ResultsConfig.Regrades config;
    private final boolean readPath;
    private final String bootstrapServers;
    private final String regradesTopic;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    RegradeCoordinator(RegradeSelector selector, RegradeProducer producer, RegradeBook book, ResultsConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.REGRADES_IN + ".topic") String regradesTopic) {
        this.selector = selector;
        this.producer = producer;
        this.book = book;
        this.config = config.regrades();
        this.readPath = config.enabled();
        this.bootstrapServers = bootstrapServers;
        this.regradesTopic = regradesTopic;
    }

    void start(@Observes StartupEvent event) {
        if (!readPath || !config.selector()) {
            LOG.info("Regrade selection is off on this instance (gradestream.results.enabled or "
                    + "gradestream.results.regrades.selector is false)");
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, config.selectorGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "gradestream-regrade-selector",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // A selection of a large range takes minutes; the group must not think the owner dead meanwhile.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(30).toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        running = true;
        thread = new Thread(this::run, "regrade-selector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(regradesTopic));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "Regrade selection stopped; restart the instance to resume it");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Regrade regrade;
        try {
            regrade = Json.mapper().readValue(record.value(), Regrade.class);
        } catch (IOException e) {
            LOG.errorf("Skipping an unreadable regrade request at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (regrade.selection() != null) {
            return; // the record that says how a selection ended
        }
        Regrade.Selection selection;
        try {
            selection = selector.select(regrade);
        } catch (RuntimeException e) {
            if (!running) {
                throw new WakeupException(); // shutting down: leave it uncommitted for the next owner
            }
            LOG.errorf(e, "Regrade %s: the selection failed", regrade.id());
            selection = new Regrade.Selection(0, "The selection stopped: " + e.getMessage() + ". Send the request "
                    + "again once the cause is fixed; what was already republished is graded.", Instant.now());
        }
        Regrade selected = regrade.withSelection(selection);
        producer.sendAndWait(regradesTopic, regrade.id(), Json.toBytes(selected), Map.of());
        book.requested(selected);
    }

    /** Before the producer closes ({@link RegradeProducer}), so a selection under way can finish or stop cleanly. */
    void stop(@Observes @Priority(100) ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
