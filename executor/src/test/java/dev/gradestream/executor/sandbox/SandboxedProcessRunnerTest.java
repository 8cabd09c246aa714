package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's seam: ProcessSpec in, ProcessResult out, with the sandbox's verdicts mapped onto it. */
class SandboxedProcessRunnerTest {

    @TempDir
    Path job;

    @Test
    void mapsVerdictsOntoTheProcessResult() {
        assertThat(map(SandboxVerdict.OK, 3, 0)).isEqualTo(new ProcessResult(3, "o", "e", 5, LimitHit.NONE));
        assertThat(map(SandboxVerdict.OK, 139, 11).exitCode()).isEqualTo(139);
        assertThat(map(SandboxVerdict.WALL_TIMEOUT, 137, 9)).extracting(ProcessResult::timedOut).isEqualTo(true);
        assertThat(map(SandboxVerdict.CPU_LIMIT, 137, 9)).extracting(ProcessResult::timedOut).isEqualTo(true);
        assertThat(map(SandboxVerdict.OUTPUT_LIMIT, 137, 9)).extracting(ProcessResult::outputTruncated).isEqualTo(true);
        // The kernel's reason travels with the result: the engine never infers it from 137.
        assertThat(map(SandboxVerdict.MEMORY_LIMIT, 137, 9))
                .isEqualTo(new ProcessResult(137, "o", "e", 5, LimitHit.MEMORY));
        assertThat(map(SandboxVerdict.OK, 137, 0).limit()).isEqualTo(LimitHit.NONE);
        assertThat(map(SandboxVerdict.PIDS_LIMIT, 1, 0).limit()).isEqualTo(LimitHit.PIDS);
        assertThat(map(SandboxVerdict.CPU_LIMIT, 137, 9).limit()).isEqualTo(LimitHit.CPU);
        assertThat(map(SandboxVerdict.WALL_TIMEOUT, 137, 9).limit()).isEqualTo(LimitHit.WALL_CLOCK);
        assertThat(map(SandboxVerdict.OUTPUT_LIMIT, 137, 9).limit()).isEqualTo(LimitHit.OUTPUT);
        assertThat(map(SandboxVerdict.FILE_SIZE_LIMIT, 153, 25).exitCode()).isEqualTo(153);
        assertThat(map(SandboxVerdict.FILE_SIZE_LIMIT, 153, 25).limit()).isEqualTo(LimitHit.FILE_SIZE);
    }

    @Test
    void valgrindLaunchesGetMoreMemory() {
        SandboxedProcessRunner runner = new SandboxedProcessRunner(null, SandboxLimits.defaults(), List.of(Path.of("/opt/h")));
        SandboxSpec plain = runner.toSandboxSpec(ProcessSpec.of(List.of("./main"), job, Duration.ofSeconds(2), 100),
                SandboxLimits.defaults());
        SandboxSpec valgrind = runner.toSandboxSpec(ProcessSpec.of(List.of("valgrind", "./main"), job,
                Duration.ofSeconds(2), 100), SandboxLimits.defaults());
        assertThat(plain.limits().memoryBytes()).isEqualTo(256 * SandboxLimits.MIB);
        assertThat(valgrind.limits().memoryBytes()).isGreaterThan(plain.limits().memoryBytes() + 70 * SandboxLimits.MIB);
        assertThat(plain.cpuTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plain.readOnlyBinds()).containsExactly(BindMount.same(Path.of("/opt/h")));
        assertThat(plain.jobDir()).isEqualTo(job);
    }

    @Test
    void runsCommandsLikeTheLocalRunnerDoes() throws Exception {
        SandboxedProcessRunner runner = new SandboxedProcessRunner(SandboxTestSupport.sandbox());
        ProcessResult ok = runner.run(ProcessSpec.of(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), job,
                Duration.ofSeconds(5), 1024));
        assertThat(ok).extracting(ProcessResult::exitCode, ProcessResult::stdout, ProcessResult::stderr,
                ProcessResult::timedOut).containsExactly(3, "out\n", "err\n", false);
        ProcessResult slow = runner.run(ProcessSpec.of(List.of("sleep", "10"), job, Duration.ofMillis(300), 1024));
        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.exitCode()).isEqualTo(137);
        ProcessResult loud = runner.run(ProcessSpec.of(List.of("yes"), job, Duration.ofSeconds(5), 1000));
        assertThat(loud.outputTruncated()).isTrue();
        assertThat(loud.stdout()).hasSize(1000);
        assertThat(SandboxTestSupport.processesOf(SandboxTestSupport.sandbox().identity().uid())).isEmpty();
    }

    @Test
    void runMeasuredGivesTheSandboxsReason() throws Exception {
        SandboxedProcessRunner runner = new SandboxedProcessRunner(SandboxTestSupport.sandbox());
        Files.writeString(job.resolve("spin.c"), "int main(void) { for (;;) { } }\n");
        assertThat(runner.run(ProcessSpec.of(List.of("gcc", "-o", "spin", "spin.c"), job, Duration.ofSeconds(20), 4096))
                .succeeded()).isTrue();
        SandboxResult result = runner.runMeasured(ProcessSpec.of(List.of("./spin"), job, Duration.ofSeconds(10), 100),
                SandboxLimits.defaults().withCpuTime(Duration.ofMillis(500)));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.CPU_LIMIT);
        assertThat(result.cpuMs()).isBetween(500L, 800L);
        SandboxTestSupport.assertHostUnharmed(result);
    }

    @Test
    void aCommandThatCannotBeStartedIsAnIOException() {
        SandboxedProcessRunner runner = new SandboxedProcessRunner(SandboxTestSupport.sandbox());
        assertThatThrownBy(() -> runner.run(ProcessSpec.of(List.of("no-such-compiler"), job, Duration.ofSeconds(5), 100)))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-compiler");
    }

    private static ProcessResult map(SandboxVerdict verdict, int exitCode, int signal) {
        return SandboxedProcessRunner.toProcessResult(new SandboxResult("j1-1", verdict, null, exitCode, signal, 1, 5, 1,
                "o", "e"));
    }
}
