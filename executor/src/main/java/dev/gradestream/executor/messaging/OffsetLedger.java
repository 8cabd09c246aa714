package dev.gradestream.executor.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each assigned partition may be committed. Jobs finish in any order, so a partition's
 * commit point is its lowest record still running, or, with none running, just past the last record
 * taken. Records are taken in offset order and a record that cannot start is given back (seek), so every
 * record below the commit point has finished. Used by the consumer thread only.
 */
final class OffsetLedger {

    /** One record taken for grading, tied to the assignment it was taken under. */
    record Ticket(Partition partition, long offset) {
    }

    /** A partition while it is assigned to us; a new assignment of the same partition is a new one. */
    static final class Partition {
        private final TopicPartition topicPartition;
        private final TreeSet<Long> running = new TreeSet<>();
        private long next = -1;
        private long committed = -1;

        private Partition(TopicPartition topicPartition) {
            this.topicPartition = topicPartition;
        }

        TopicPartition topicPartition() {
            return topicPartition;
        }

        private long commitPoint() {
            return running.isEmpty() ? next : running.first();
        }
    }

    private final Map<TopicPartition, Partition> assigned = new HashMap<>();

    void assigned(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> assigned.put(tp, new Partition(tp)));
    }

    /** Forgets the partitions: jobs of theirs still running finish, but commit nothing any more. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(assigned::remove);
    }

    Ticket take(TopicPartition tp, long offset) {
        Partition partition = assigned.get(tp);
        if (partition == null) {
            throw new IllegalStateException(tp + " is not assigned");
        }
        partition.running.add(offset);
        partition.next = Math.max(partition.next, offset + 1);
        return new Ticket(partition, offset);
    }

    /** The record's terminal event and verdict (or its dead letter) are in Kafka. */
    void finished(Ticket ticket) {
        if (assigned.get(ticket.partition().topicPartition) == ticket.partition()) {
            ticket.partition().running.remove(ticket.offset());
        }
    }

    /** What to commit for the given partitions: those whose commit point moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Partition partition = assigned.get(tp);
            if (partition != null && partition.commitPoint() > partition.committed) {
                offsets.put(tp, new OffsetAndMetadata(partition.commitPoint()));
            }
        }
        return offsets;
    }

    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        return toCommit(assigned.keySet());
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            Partition partition = assigned.get(tp);
            if (partition != null) {
                partition.committed = Math.max(partition.committed, offset.offset());
            }
        });
    }

    /** How many partitions are assigned. */
    int partitions() {
        return assigned.size();
    }
}
