package dev.gradestream.executor.messaging;

import dev.gradestream.executor.config.ExecutorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Where submissions enter the executor: one consumer thread ({@link IntakeLoop}) over both lanes, feeding
 * the {@link GradingSlots}. It starts after Kafka is up (the all-in-one app starts its embedded broker at
 * startup priority 0) and, on SIGTERM, stops taking records and lets running jobs finish within
 * {@code gradestream.executor.shutdown-grace} before it commits and leaves the group.
 */
@ApplicationScoped
public class GradingIntake {
    /** The executors' consumer group; ingest's back-pressure reads its lag on {@code submissions}. */
    public static final String GROUP_ID = "gradestream-executor";
    /** After the embedded broker (0) and the messaging channels (1000). */
    static final int STARTS_AT = 2000;

    private static final Logger LOG = Logger.getLogger(GradingIntake.class);
    private static final Set<String> CONSUMER_SETTINGS = ConsumerConfig.configNames();

    private final ExecutorConfig config;
    private final GradingSlots slots;
    private final SubmissionGrading grading;
    private final Map<String, Object> kafka;
    private volatile IntakeLoop loop;
    private volatile Thread thread;

    GradingIntake(ExecutorConfig config, GradingSlots slots, SubmissionGrading grading,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.slots = slots;
        this.grading = grading;
        this.kafka = kafka;
    }

    void onStart(@Observes @Priority(STARTS_AT) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("gradestream.executor.enabled=false: this instance grades nothing");
            return;
        }
        Lanes lanes = new Lanes(config.submissionsTopic(), config.regradeTopic());
        IntakeLoop intake = new IntakeLoop(new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer()), lanes, slots, grading::handle);
        // The thread first: status() reads the loop, then its thread.
        thread = new Thread(intake, "grading-intake");
        loop = intake;
        thread.start();
        LOG.infof("Grading up to %d submissions at once from %s (then %s)", slots.size(), lanes.interactive(), lanes.regrade());
    }

    // ShutdownEvent comes before any bean is destroyed, so running jobs can still publish and the consumer commit.
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.drain(config.shutdownGrace());
        }
    }

    /** Empty when the intake is switched off. */
    public Optional<Status> status() {
        IntakeLoop current = loop;
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(new Status(thread.isAlive(), current.joined(), current.assignedPartitions()));
    }

    /**
     * @param running the consumer thread is alive
     * @param joined the group has given it an assignment at least once (possibly empty)
     * @param assignedPartitions of both lanes, now
     */
    public record Status(boolean running, boolean joined, int assignedPartitions) {
    }

    private Map<String, Object> consumerConfig() {
        // The same kafka.* settings the messaging channels get (servers, security), as far as a consumer takes them.
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (CONSUMER_SETTINGS.contains(name)) {
                settings.put(name, value);
            }
        });
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A poll brings no more than the slots can start; anything it brings that cannot start is given back.
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, slots.size());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        // Only partitions that really move are revoked, so a member joining does not stop the others' jobs.
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return settings;
    }
}
