package dev.gradestream.executor.metrics;

import dev.gradestream.executor.grading.GradingObserver;
import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Timings;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The executor's metrics (names as Prometheus shows them):
 * <ul>
 * <li>{@code gradestream_submissions_total{status,language}}: final verdicts;</li>
 * <li>{@code gradestream_stage_duration_seconds{stage,language}}: histogram of compile, tests, valgrind and
 * total, from each verdict's timings (a stage that did not run, 0 ms there, is not observed);</li>
 * <li>{@code gradestream_sandbox_limit_hits_total{kind}}: launches stopped by a limit, as the sandbox
 * measured it ({@link LimitHit}: memory, pids, cpu, wall_clock, output, file_size);</li>
 * <li>{@code gradestream_grading_slots}, {@code gradestream_grading_slots_busy}: from {@link #registerSlots};</li>
 * <li>{@code gradestream_dead_letters_total{reason}}: from {@link #deadLetter};</li>
 * <li>{@code gradestream_build_cache_total{result}}: builds found in the build cache ({@code hit}) or
 * launched ({@code miss}), while the cache is on.</li>
 * </ul>
 * The known label values are registered at zero at start, so a rate over them exists from the start.
 */
@Singleton
@Startup
public class GradingMetrics implements GradingObserver {
    /** The stages observed; {@code total} is the whole grading. */
    static final String[] STAGES = {"compile", "tests", "valgrind", "total"};
    /** Bucket bounds: a tiny compile is ~35 ms, Valgrind ~0.4 s at least, a job at most minutes. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private volatile IntSupplier busySlots = () -> 0;
    private volatile int slots;
    private boolean slotsRegistered;

    GradingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Language language : Language.values()) {
            for (VerdictStatus status : VerdictStatus.values()) {
                verdicts(status, language);
            }
            for (String stage : STAGES) {
                stage(stage, language);
            }
        }
        for (LimitHit kind : LimitHit.values()) {
            if (kind != LimitHit.NONE) {
                limitHits(kind);
            }
        }
        buildCache(true);
        buildCache(false);
    }

    @Override
    public void built(boolean fromCache) {
        buildCache(fromCache).increment();
    }

    private Counter buildCache(boolean hit) {
        return Counter.builder("gradestream.build.cache").tag("result", hit ? "hit" : "miss")
                .description("builds found in the build cache or launched").register(registry);
    }

    @Override
    public void graded(Submission job, Verdict verdict) {
        Language language = job.language() == null ? Language.C : job.language();
        verdicts(verdict.status(), language).increment();
        Timings timings = verdict.timings();
        if (timings == null) {
            return;
        }
        // A build from the cache takes well under a millisecond: the stage ran, though its time rounds to 0.
        boolean compiled = verdict.compile() || verdict.status() == VerdictStatus.COMPILE_ERROR;
        if (compiled) {
            stage("compile", language).record(timings.compileMs(), TimeUnit.MILLISECONDS);
        } else {
            observe("compile", language, timings.compileMs());
        }
        observe("tests", language, timings.testMs());
        observe("valgrind", language, timings.valgrindMs());
        stage("total", language).record(timings.totalMs(), TimeUnit.MILLISECONDS);
    }

    /** One launch ended; counted when a limit stopped it. */
    public void launched(LimitHit limit) {
        if (limit != null && limit != LimitHit.NONE) {
            limitHits(limit).increment();
        }
    }

    /**
     * Publishes the grading slots: {@code size} of them, {@code busy} of which are grading now. Call it
     * once the intake knows its slots; a later call (a restarted intake) replaces what the gauges read.
     */
    public synchronized void registerSlots(IntSupplier busy, int size) {
        this.busySlots = busy;
        this.slots = size;
        if (!slotsRegistered) {
            Gauge.builder("gradestream.grading.slots", () -> slots)
                    .description("Submissions this executor grades at once").register(registry);
            Gauge.builder("gradestream.grading.slots.busy", () -> busySlots.getAsInt())
                    .description("Grading slots in use").register(registry);
            slotsRegistered = true;
        }
    }

    /**
     * One record was written to the dead-letter topic.
     *
     * @param reason a word from a small fixed set (it becomes a label), e.g. {@code invalid_submission}
     */
    public void deadLetter(String reason) {
        Counter.builder("gradestream.dead.letters").tag("reason", reason)
                .description("Records of submissions sent to the dead-letter topic").register(registry).increment();
    }

    private void observe(String stage, Language language, long millis) {
        if (millis > 0) {
            stage(stage, language).record(millis, TimeUnit.MILLISECONDS);
        }
    }

    private Counter verdicts(VerdictStatus status, Language language) {
        return Counter.builder("gradestream.submissions")
                .tag("status", status.wireName()).tag("language", language.wireName())
                .description("Final verdicts, by status").register(registry);
    }

    private Timer stage(String stage, Language language) {
        return Timer.builder("gradestream.stage.duration")
                .tag("stage", stage).tag("language", language.wireName())
                .serviceLevelObjectives(BUCKETS)
                .description("Time spent in each grading stage").register(registry);
    }

    private Counter limitHits(LimitHit kind) {
        return Counter.builder("gradestream.sandbox.limit.hits")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .description("Sandbox launches stopped by a limit, as the kernel's counters tell").register(registry);
    }
}
