package dev.gradestream.results.regrade;

import dev.gradestream.protocol.Headers;
import dev.gradestream.results.history.TopicReaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Finds a regrade's records in a topic by their {@code gs-regrade} header, from a time to the topic's end
 * as of the call, without parsing any value: what a restarted instance reads to learn what a regrade
 * already republished and how far its grading got.
 */
@ApplicationScoped
public class HeaderScan {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SCAN_LIMIT = Duration.ofMinutes(5);

    private final TopicReaders readers;

    HeaderScan(TopicReaders readers) {
        this.readers = readers;
    }

    /** Hands every record of {@code topic} stamped from {@code fromMillis} on and marked with the regrade to {@code each}. */
    public void scan(String topic, String regradeId, long fromMillis, Consumer<ConsumerRecord<String, byte[]>> each) {
        byte[] wanted = regradeId.getBytes(StandardCharsets.UTF_8);
        readers.with(consumer -> {
            Map<TopicPartition, Long> ends = positionAt(consumer, topic, fromMillis);
            long deadline = System.nanoTime() + SCAN_LIMIT.toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("scanning " + topic + " for regrade " + regradeId + " took over "
                            + SCAN_LIMIT.toMinutes() + " min");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Header header = record.headers().lastHeader(Headers.REGRADE);
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end && header != null
                            && java.util.Arrays.equals(header.value(), wanted)) {
                        each.accept(record);
                    }
                }
            }
            return null;
        });
    }

    /** Assigns every partition, seeks each to the first record at or after the time; answers where to stop. */
    private static Map<TopicPartition, Long> positionAt(KafkaConsumer<String, byte[]> consumer, String topic,
            long fromMillis) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, Math.max(0, fromMillis)));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            long from = start == null ? ends.get(partition) : start.offset();
            consumer.seek(partition, from);
        }
        return ends;
    }
}
