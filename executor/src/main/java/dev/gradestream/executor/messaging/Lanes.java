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
     * consumer knows comes from its last fetch: a positive one is taken as is, and so is zero when the last
     * poll fetched the lane ({@code lagFresh}). Otherwise (the lane was paused, or a lag is unknown) the
     * broker is asked for the end offsets: a round trip, paid only after the slots were full.
     */
    boolean interactiveWaiting(Consumer<?, ?> consumer, Set<TopicPartition> assignment, boolean lagFresh) {
        Set<TopicPartition> partitions = interactive(assignment);
        if (partitions.isEmpty()) {
            return false;
        }
        boolean allKnown = true;
        for (TopicPartition tp : partitions) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent() && lag.getAsLong() > 0) {
                return true;
            }
            allKnown &= lag.isPresent();
        }
        if (lagFresh && allKnown) {
            return false;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, END_OFFSETS_TIMEOUT);
        for (TopicPartition tp : partitions) {
            if (ends.getOrDefault(tp, 0L) > consumer.position(tp)) {
                return true;
            }
        }
        return false;
    }

    private static Set<TopicPartition> of(String topic, Set<TopicPartition> assignment) {
        return assignment.stream().filter(tp -> tp.topic().equals(topic)).collect(Collectors.toSet());
    }
}
