package dev.gradestream.results.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How far the verdict index has replayed {@code verdicts} since boot. At start it notes each partition's
 * end offset; the index is caught up once every partition was read that far. Until then an old verdict
 * would have to be searched for in {@code results}, so the instance is not ready.
 */
@ApplicationScoped
public class ReplayProgress {
    private static final Logger LOG = Logger.getLogger(ReplayProgress.class);

    private final String bootstrapServers;
    private final String topic;
    private final Map<Integer, Long> readUpTo = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> endAtBoot;
    private volatile boolean caughtUp;

    private final boolean enabled;

    ReplayProgress(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.VERDICTS_IN + ".topic") String topic,
            // The channel's own switch, which the role switch sets and an explicit setting overrides: progress
            // is tracked exactly where the channel consumes (as ResultsTail does for results-in).
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.VERDICTS_IN + ".enabled",
                    defaultValue = "true") boolean enabled) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) { // no verdict index here (the channel is off, e.g. gradestream.results.enabled=false)
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            endAtBoot = Map.copyOf(ends);
            LOG.infof("Replaying %d verdict records from %s", ends.values().stream().mapToLong(Long::longValue).sum(), topic);
        } catch (Exception e) {
            LOG.errorf("Could not read the end offsets of %s: %s; readiness will wait for them", topic, e.getMessage());
            return;
        }
        checkCaughtUp();
    }

    /** Called for each record the index has taken in. */
    void read(int partition, long offset) {
        readUpTo.merge(partition, offset + 1, Math::max);
        if (!caughtUp) {
            checkCaughtUp();
        }
    }

    /** Whether this instance keeps a verdict index at all. */
    public boolean enabled() {
        return enabled;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public Map<Integer, Long> behindByPartition() {
        Map<Integer, Long> ends = endAtBoot;
        if (ends == null) {
            return Map.of();
        }
        Map<Integer, Long> behind = new HashMap<>();
        ends.forEach((partition, end) -> {
            long lag = end - readUpTo.getOrDefault(partition, 0L);
            if (lag > 0) {
                behind.put(partition, lag);
            }
        });
        return behind;
    }

    private void checkCaughtUp() {
        if (endAtBoot != null && behindByPartition().isEmpty()) {
            caughtUp = true;
        }
    }
}
