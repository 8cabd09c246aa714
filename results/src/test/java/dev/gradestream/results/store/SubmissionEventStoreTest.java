package dev.gradestream.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.config.ResultsConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubmissionEventStoreTest {

    @Test
    void aFullCacheDropsFinishedTimelinesButKeepsRunningOnes() {
        SubmissionEventStore store = new SubmissionEventStore(config(2, Duration.ofHours(1)));
        store.append(event("done", EventType.COMPLETED));
        store.append(event("running-1", EventType.STARTED));
        store.append(event("running-2", EventType.STARTED));

        assertThat(store.knows("done")).isFalse();
        assertThat(store.knows("running-1")).isTrue();
        assertThat(store.knows("running-2")).isTrue();
    }

    @Test
    void anAbandonedTimelineIsDroppedEvenIfItNeverFinished() throws InterruptedException {
        SubmissionEventStore store = new SubmissionEventStore(config(1, Duration.ofMillis(50)));
        store.expect("accepted-but-never-graded");
        Thread.sleep(100);
        store.append(event("next", EventType.STARTED));

        assertThat(store.knows("accepted-but-never-graded")).isFalse();
        assertThat(store.knows("next")).isTrue();
    }

    private static StageEvent event(String id, EventType type) {
        return new StageEvent(id, "attempt-1", 1, type, Instant.now(), JsonNodeFactory.instance.objectNode());
    }

    private static ResultsConfig config(int capacity, Duration abandonedAfter) {
        return new ResultsConfig() {
            @Override
            public int maxCachedSubmissions() {
                return capacity;
            }

            @Override
            public Duration abandonedAfter() {
                return abandonedAfter;
            }

            @Override
            public Duration sseHeartbeat() {
                return Duration.ofSeconds(15);
            }
        };
    }
}
