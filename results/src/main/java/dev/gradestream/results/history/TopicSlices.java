package dev.gradestream.results.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads the few records of one key out of a topic without reading the topic: the key names the
 * partition (the producers' default partitioner), and a time names where in it to start
 * ({@code offsetsForTimes}). A scan stops at the partition's end as of the call, or at the first
 * record stamped after the given bound.
 */
@ApplicationScoped
public class TopicSlices {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SCAN_LIMIT = Duration.ofSeconds(20);
    /** About a fetch's worth of small records: closer than this, reading through beats a new fetch. */
    private static final long SKIP_OVER = 500;

    private final TopicReaders readers;

    TopicSlices(TopicReaders readers) {
        this.readers = readers;
    }

    /** The records of {@code key} stamped from {@code fromMillis} to {@code untilMillis}, in offset order. */
    public List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String key, long fromMillis, long untilMillis) {
        return readers.with(consumer -> {
            TopicPartition partition = partitionOf(consumer, topic, key);
            consumer.assign(List.of(partition));
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, Math.max(0, fromMillis))).get(partition);
            if (start == null) {
                return List.of(); // nothing was written at or after fromMillis
            }
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, start.offset());
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + SCAN_LIMIT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + partition + " from offset " + start.offset()
                            + " to " + end + " took over " + SCAN_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end || record.timestamp() > untilMillis) {
                        return found;
                    }
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        });
    }

    /** The record at exactly this offset, if it is still there (compaction may have removed it). */
    public Optional<ConsumerRecord<String, byte[]>> recordAt(String topic, int partitionNumber, long offset) {
        return Optional.ofNullable(recordsAt(topic, partitionNumber, new TreeSet<>(Set.of(offset))).get(offset));
    }

    /**
     * The records still at these offsets of one partition, read in one pass with one consumer: a regrade
     * of thousands asks for thousands of old verdicts, and a reader for each would be a consumer (and its
     * connection) each. Gaps wider than {@link #SKIP_OVER} records are jumped with a seek rather than read
     * through. An offset compaction emptied, or one past the end, has no entry.
     */
    public Map<Long, ConsumerRecord<String, byte[]>> recordsAt(String topic, int partitionNumber,
            SortedSet<Long> offsets) {
        if (offsets.isEmpty()) {
            return Map.of();
        }
        return readers.with(consumer -> {
            TopicPartition partition = new TopicPartition(topic, partitionNumber);
            consumer.assign(List.of(partition));
            long stop = Math.min(consumer.endOffsets(List.of(partition)).get(partition), offsets.last() + 1);
            Map<Long, ConsumerRecord<String, byte[]>> found = new HashMap<>();
            consumer.seek(partition, offsets.first());
            long deadline = System.nanoTime() + SCAN_LIMIT.toNanos();
            while (consumer.position(partition) < stop) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + offsets.size() + " records of " + partition
                            + " took over " + SCAN_LIMIT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (offsets.contains(record.offset())) {
                        found.put(record.offset(), record);
                    }
                }
                SortedSet<Long> ahead = offsets.tailSet(consumer.position(partition));
                if (ahead.isEmpty()) {
                    break;
                }
                if (ahead.first() - consumer.position(partition) > SKIP_OVER) {
                    consumer.seek(partition, ahead.first());
                }
            }
            return found;
        });
    }

    private static TopicPartition partitionOf(KafkaConsumer<String, byte[]> consumer, String topic, String key) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        // The producers' built-in partitioner for a keyed record: murmur2 of the key bytes.
        int number = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions.size();
        return new TopicPartition(topic, number);
    }
}
