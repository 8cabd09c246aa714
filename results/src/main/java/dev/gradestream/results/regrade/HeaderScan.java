package dev.gradestream.results.regrade;

import dev.gradestream.protocol.Headers;
import dev.gradestream.results.history.TopicReaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds a regrade's records in a topic by their {@code gs-regrade} header, from a time to the topic's end
 * as of the call, without parsing any value: what a restarted instance reads to learn what a regrade
 * already republished and how far its grading got.
 */
@ApplicationScoped
public class HeaderScan {
    private final TopicReaders readers;

    HeaderScan(TopicReaders readers) {
        this.readers = readers;
    }

    /** Hands every record of {@code topic} stamped from {@code fromMillis} on and marked with the regrade to {@code each}. */
    public void scan(String topic, String regradeId, long fromMillis, Consumer<ConsumerRecord<String, byte[]>> each) {
        readers.with(consumer -> {
            List<TopicPartition> partitions = PartitionRanges.partitionsOf(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = PartitionRanges.firstAtOrAfter(consumer, partitions, fromMillis, ends);
            PartitionRanges.read(consumer, starts, ends, record -> {
                if (regradeId.equals(Headers.text(record.headers(), Headers.REGRADE))) {
                    each.accept(record);
                }
            });
            return null;
        });
    }
}
