package dev.gradestream.ingest.backpressure;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads how far a consumer group is behind on a topic, with an admin client: no group membership, so
 * reading never disturbs the group it measures. A partition the group has never committed on counts
 * from its beginning offset, which is where the group's {@code auto.offset.reset=earliest} starts.
 */
public final class ConsumerLagReader implements AutoCloseable {
    private final Admin admin;
    private final String group;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    /** {@code kafka}: client settings ({@code bootstrap.servers}, security…); those an admin client does not know are left out. */
    public ConsumerLagReader(Map<String, Object> kafka, String group, String topic, Duration timeout, Clock clock) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().retainAll(AdminClientConfig.configNames());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "gradestream-lag-" + group);
        this.admin = Admin.create(settings);
        this.group = group;
        this.topic = topic;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Throws when Kafka does not answer within the timeout, or the topic does not exist. */
    public LagSnapshot read() throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = await(admin.describeTopics(List.of(topic)).allTopicNames(), deadline)
                .get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), deadline);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), deadline);
        List<TopicPartition> uncommitted = partitions.stream().filter(p -> committed.get(p) == null).toList();
        Map<TopicPartition, Long> beginnings = uncommitted.isEmpty() ? Map.of()
                : offsets(uncommitted, OffsetSpec.earliest(), deadline);
        long lag = 0;
        long consumed = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            long position = commit != null ? commit.offset() : beginnings.get(partition);
            lag += Math.max(0, ends.get(partition) - position);
            consumed += position;
        }
        return new LagSnapshot(lag, consumed, clock.instant());
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec));
        return await(admin.listOffsets(request).all(), deadline).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T await(KafkaFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
