package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where cgroups are unavailable: rlimits only, said so, and the tree still dies with the launch. */
class SandboxFallbackTest {
    private static Sandbox rlimitsOnly;

    @TempDir
    Path job;

    @BeforeAll
    static void createWithoutCgroups() {
        SandboxTestSupport.sandbox(); // skips the class where no sandbox can run at all
        rlimitsOnly = Sandbox.create(SandboxConfig.defaults().withUseCgroups(false));
    }

    @Test
    void saysItRunsOnRlimitsOnly() {
        assertThat(rlimitsOnly.capabilities().limitsByCgroup()).isFalse();
        assertThat(rlimitsOnly.capabilities().summary()).contains("no cgroups (disabled by configuration): rlimits only");
        assertThat(rlimitsOnly.cgroupParents()).isEmpty();
    }

    @Test
    void runsCommandsWithoutMeasurements() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "echo hi"));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.stdout()).isEqualTo("hi\n");
        assertThat(result.cpuMs()).isEqualTo(-1);
        assertThat(result.peakMemoryBytes()).isEqualTo(-1);
    }

    @Test
    void theWallClockStillKillsTheWholeTree() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "sleep 30 & sleep 30 & sleep 30; wait")
                .wallClock(Duration.ofMillis(500)));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.WALL_TIMEOUT);
        assertThat(result.wallMs()).isLessThan(3_000);
    }

    @Test
    void cpuTimeIsLimitedPerProcessBySigxcpu() throws Exception {
        compile(job, "spin", "int main(void) { for (;;) { } }\n");
        SandboxResult result = run(spec(job, "./spin").limits(SandboxLimits.defaults().withCpuTime(Duration.ofSeconds(1))));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.CPU_LIMIT);
        assertThat(result.signal()).isEqualTo(24);
    }

    @Test
    void memoryIsBoundedByTheAddressSpaceLimit() throws Exception {
        compile(job, "hog", """
                #include <stdlib.h>
                #include <string.h>
                int main(void) {
                    for (int i = 0; i < 1024; i++) {
                        char *p = malloc(1 << 20);
                        if (p == NULL) return 3;
                        memset(p, 1, 1 << 20);
                    }
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./hog").limits(SandboxLimits.defaults().withMemoryBytes(64 * SandboxLimits.MIB)));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK); // no counter to tell: malloc just failed
        assertThat(result.exitCode()).isEqualTo(3);
    }

    private SandboxResult run(SandboxSpec.Builder spec) throws InterruptedException {
        SandboxResult result = rlimitsOnly.run(spec.build());
        System.out.println(result.launchId() + " (rlimits only): " + result.summary());
        assertThat(SandboxTestSupport.processesOf(rlimitsOnly.identity().uid())).isEmpty();
        return result;
    }
}
