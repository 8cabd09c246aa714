package dev.gradestream.executor.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The two lanes of work: interactive submissions, which someone is waiting for, and regrades, which run
 * only while the interactive lane has nothing waiting for this consumer.
 */
record Lanes(String interactive, String regrade) {
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(10);

    List<String> topics() {
        return List.of(interactive, regrade);
    }

    boolean isInteractive(String topic) {
        return interactive.equals(topic);
    }

    Set<TopicPartition> interactive(Set<TopicPartition> assignment) {
        return of(interactive, assignment);
    }

    Set<TopicPartition> regrade(Set<TopicPartition> assignment) {
        return of(regrade, assignment);
    }

    /**
     * Whether any assigned interactive partition has records beyond this consumer's position. The lag the
     * consumer knows comes from its last fetch, which is old while the partition is paused, so only a lag
     * it knows to be positive is taken as is; otherwise the broker is asked for the end offsets.
     */
    boolean interactiveWaiting(Consumer<?, ?> consumer, Set<TopicPartition> assignment) {
        Set<TopicPartition> partitions = interactive(assignment);
        if (partitions.isEmpty()) {
            return false;
        }
        for (TopicPartition tp : partitions) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent() && lag.getAsLong() > 0) {
                return true;
            }
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, END_OFFSETS_TIMEOUT);
        for (TopicPartition tp : partitions) {
            if (ends.getOrDefault(tp, 0L) > consumer.position(tp)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the last fetch of every given partition found nothing past the consumer's position. A paused
     * partition answers from its last fetch, which may be old: a record that came since is fetched once it
     * is resumed, and then shows as lag. One never fetched is unknown, so not "nothing".
     */
    boolean nothingKnownToRegrade(Consumer<?, ?> consumer, Set<TopicPartition> regrade) {
        for (TopicPartition tp : regrade) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private static Set<TopicPartition> of(String topic, Set<TopicPartition> assignment) {
        return assignment.stream().filter(tp -> tp.topic().equals(topic)).collect(Collectors.toSet());
    }
}
