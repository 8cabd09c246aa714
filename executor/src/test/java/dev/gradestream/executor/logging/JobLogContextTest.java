package dev.gradestream.executor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.trace.LogFields;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLogContextTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        MDC.clear();
    }

    @Test
    void closingRestoresWhatTheThreadHadBefore() {
        MDC.put(LogFields.TRACE_ID, "outer-trace");
        try (JobLogContext ignored = JobLogContext.open("s1", "a1", null)) {
            // A null leaves the caller's value.
            assertThat(MDC.getMap()).containsExactlyInAnyOrderEntriesOf(
                    Map.of(LogFields.SUBMISSION_ID, "s1", LogFields.ATTEMPT, "a1", LogFields.TRACE_ID, "outer-trace"));
            try (JobLogContext nested = JobLogContext.open("s2", null, "t2")) {
                assertThat(MDC.get(LogFields.SUBMISSION_ID)).isEqualTo("s2");
                assertThat(MDC.get(LogFields.ATTEMPT)).isEqualTo("a1");
                assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo("t2");
            }
            assertThat(MDC.get(LogFields.SUBMISSION_ID)).isEqualTo("s1");
            assertThat(MDC.get(LogFields.TRACE_ID)).isEqualTo("outer-trace");
        }
        assertThat(MDC.getMap()).containsExactlyEntriesOf(Map.of(LogFields.TRACE_ID, "outer-trace"));
    }

    @Test
    void aCarriedTaskRunsWithTheCallersContextAndLeavesThePoolThreadClean() throws Exception {
        AtomicReference<Map<String, Object>> during = new AtomicReference<>();
        Runnable task;
        try (JobLogContext ignored = JobLogContext.open("s1", "a1", "t1")) {
            task = JobLogContext.carry(() -> during.set(Map.copyOf(MDC.getMap())));
        }
        pool.submit(task).get();
        assertThat(during.get()).containsExactlyInAnyOrderEntriesOf(
                Map.of(LogFields.SUBMISSION_ID, "s1", LogFields.ATTEMPT, "a1", LogFields.TRACE_ID, "t1"));
        assertThat(pool.submit(() -> MDC.getMap()).get()).isEmpty();
    }
}
