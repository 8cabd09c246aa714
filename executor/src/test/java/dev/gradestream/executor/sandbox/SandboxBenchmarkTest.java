package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandbox overhead per launch: /bin/true sandboxed vs. started directly, 50 runs each, medians.
 * Excluded by default; run it with
 * {@code ./mvnw -B -pl executor test -Dtest=SandboxBenchmarkTest -DexcludedGroups= -Dgradestream.benchmark=true}
 * (or the JUnit console launcher with {@code -Dgradestream.benchmark=true} on the JVM).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "gradestream.benchmark", matches = "true")
class SandboxBenchmarkTest {
    private static final int RUNS = 50;
    private static final int WARM_UP = 30;

    @TempDir
    Path job;

    @Test
    void overheadPerLaunch() throws Exception {
        Sandbox sandbox = SandboxTestSupport.sandbox();
        SandboxSpec spec = SandboxSpec.builder(List.of("/bin/true"), job).wallClock(Duration.ofSeconds(10)).build();
        List<Long> direct = new ArrayList<>();
        List<Long> sandboxed = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long directNanos = timeDirect();
            long started = System.nanoTime();
            SandboxResult result = sandbox.run(spec);
            long sandboxNanos = System.nanoTime() - started;
            assertThat(result.succeeded()).as(result.summary()).isTrue();
            if (i >= WARM_UP) {
                direct.add(directNanos);
                sandboxed.add(sandboxNanos);
            }
        }
        double directMs = median(direct);
        double sandboxMs = median(sandboxed);
        System.out.printf("sandbox benchmark, %d runs of /bin/true: direct median %.2f ms, sandboxed median %.2f ms,"
                + " overhead %.2f ms (p90 sandboxed %.2f ms)%n", RUNS, directMs, sandboxMs, sandboxMs - directMs,
                percentile(sandboxed, 0.9));
    }

    /** The same as a plain runner does: start, drain both streams, wait. */
    private static long timeDirect() throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder("/bin/true").start();
        process.getInputStream().readAllBytes();
        process.getErrorStream().readAllBytes();
        process.waitFor();
        return System.nanoTime() - started;
    }

    private static double median(List<Long> nanos) {
        return percentile(nanos, 0.5);
    }

    private static double percentile(List<Long> nanos, double fraction) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(fraction * (sorted.size() - 1)))) / 1e6;
    }
}
