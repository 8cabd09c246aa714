package dev.gradestream.results.regrade;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads given offset ranges of partitions (start inclusive, end exclusive) with a group-less consumer:
 * what a regrade's selection reads of {@code submissions} and what a scan for its records reads of
 * {@code submissions.regrade} and {@code results}.
 */
final class PartitionRanges {
    private static final Duration POLL = Duration.ofMillis(200);
    /** A read that gets nothing for this long while records remain has lost the broker. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private PartitionRanges() {
    }

    static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Per partition, the first offset stamped at or after the time; its end where nothing is that late. */
    static Map<TopicPartition, Long> firstAtOrAfter(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, long millis, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> times = new HashMap<>();
        // offsetsForTimes refuses a negative time; nothing is stamped before 1970 anyway.
        partitions.forEach(partition -> times.put(partition, Math.max(0, millis)));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(partition -> offsets.put(partition,
                found.get(partition) == null ? ends.get(partition) : found.get(partition).offset()));
        return offsets;
    }

    /** Hands every record in the ranges to {@code each}, in offset order within each partition. */
    static void read(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends, Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = starts.keySet().stream()
                .filter(partition -> starts.get(partition) < ends.get(partition))
                .toList();
        consumer.assign(partitions);
        partitions.forEach(partition -> consumer.seek(partition, starts.get(partition)));
        long lastProgress = System.nanoTime();
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("reading " + partitions + " stalled for " + STALL_LIMIT.toSeconds()
                        + " s before the ends " + ends);
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }
}
