package dev.gradestream.results.regrade;

import dev.gradestream.protocol.model.RangeBound;
import dev.gradestream.protocol.model.Regrade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a regrade's range starts and stops in each partition of {@code submissions}: a time becomes the
 * first offset stamped at or after it ({@code offsetsForTimes}), an explicit offset is taken as is, and a
 * partition explicit offsets leave out stands at its end: left out of {@code from} it is not read at all,
 * left out of {@code to} it is read to its end. The end is exclusive; a partition the range does not touch
 * has start = end.
 */
record SubmissionRange(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {

    static SubmissionRange of(Regrade regrade, String topic, KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = PartitionRanges.partitionsOf(consumer, topic);
        Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = resolve(regrade.from(), partitions, latest, consumer);
        Map<TopicPartition, Long> ends = resolve(regrade.to(), partitions, latest, consumer);
        Map<TopicPartition, Long> clampedEnds = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long end = Math.min(ends.get(partition), latest.get(partition));
            clampedEnds.put(partition, Math.max(end, starts.get(partition)));
        }
        return new SubmissionRange(starts, clampedEnds);
    }

    private static Map<TopicPartition, Long> resolve(RangeBound bound, List<TopicPartition> partitions,
            Map<TopicPartition, Long> latest, KafkaConsumer<String, byte[]> consumer) {
        if (bound.isTime()) {
            return PartitionRanges.firstAtOrAfter(consumer, partitions, bound.time().toEpochMilli(), latest);
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long given = bound.offsets().get(partition.partition());
            offsets.put(partition, given != null ? given : latest.get(partition));
        }
        return offsets;
    }
}
