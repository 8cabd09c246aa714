package dev.gradestream.results.regrade;

import dev.gradestream.protocol.model.RangeBound;
import dev.gradestream.protocol.model.Regrade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a regrade's range starts and stops in each partition of {@code submissions}: a time becomes the
 * first offset stamped at or after it ({@code offsetsForTimes}), an explicit offset is taken as is. The
 * end is exclusive; a partition the range does not touch has start = end.
 */
record SubmissionRange(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {

    static SubmissionRange of(Regrade regrade, String topic, KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = resolve(regrade.from(), partitions, latest, consumer, false);
        Map<TopicPartition, Long> ends = resolve(regrade.to(), partitions, latest, consumer, true);
        Map<TopicPartition, Long> clampedEnds = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long end = Math.min(ends.get(partition), latest.get(partition));
            clampedEnds.put(partition, Math.max(end, starts.get(partition)));
        }
        return new SubmissionRange(starts, clampedEnds);
    }

    /**
     * @param isEnd for an end, a partition that explicit offsets leave out is read to its end; for a start,
     *              it is not read at all
     */
    private static Map<TopicPartition, Long> resolve(RangeBound bound, List<TopicPartition> partitions,
            Map<TopicPartition, Long> latest, KafkaConsumer<String, byte[]> consumer, boolean isEnd) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (bound.isTime()) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, bound.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp at = found.get(partition);
                offsets.put(partition, at == null ? latest.get(partition) : at.offset()); // nothing stamped that late
            }
            return offsets;
        }
        for (TopicPartition partition : partitions) {
            Long given = bound.offsets().get(partition.partition());
            offsets.put(partition, given != null ? given : latest.get(partition));
        }
        return offsets;
    }
}
