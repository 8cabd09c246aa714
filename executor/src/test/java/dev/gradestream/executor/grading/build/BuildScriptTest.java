package dev.gradestream.executor.grading.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps in one launch, split back apart with real sh. */
class BuildScriptTest {
    @TempDir
    Path dir;

    @Test
    void eachStepGetsItsOwnStatusAndMessagesAndTheLastItsStdout() throws Exception {
        BuildScript script = BuildScript.ofCommands(List.of(
                List.of("sh", "-c", "echo 'first warning' >&2"),
                List.of("sh", "-c", "echo listing; printf 'no newline' >&2; exit 3"),
                List.of("sh", "-c", "echo never")));

        List<ProcessResult> steps = script.splitSteps(run(script), 1 << 20);

        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isEqualTo(new ProcessResult(0, "", "first warning\n", steps.get(0).wallMs(), LimitHit.NONE));
        assertThat(steps.get(1)).isEqualTo(new ProcessResult(3, "listing\n", "no newline", steps.get(1).wallMs(), LimitHit.NONE));
    }

    @Test
    void aForgedMarkerWithoutTheNonceIsJustText() throws Exception {
        String forged = "\ngs-step-00000000000000000000000000000000 0\n";
        BuildScript script = BuildScript.ofCommands(List.of(
                List.of("sh", "-c", "printf '" + forged.replace("\n", "\\n") + "' >&2; exit 1"),
                List.of("sh", "-c", "echo never")));

        List<ProcessResult> steps = script.splitSteps(run(script), 1 << 20);

        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).exitCode()).isEqualTo(1);
        assertThat(steps.get(0).stderr()).isEqualTo(forged);
    }

    @Test
    void aStepPastItsOwnCapCountsAsStoppedByTheCapAndKeepsWhatTheCapKeeps() throws Exception {
        BuildScript script = BuildScript.ofCommands(List.of(
                List.of("sh", "-c", "head -c 3000 /dev/zero | tr '\\0' x >&2"),
                List.of("true")));

        List<ProcessResult> steps = script.splitSteps(run(script), 2000);

        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).limit()).isEqualTo(LimitHit.OUTPUT);
        assertThat(steps.get(0).stderr()).isEqualTo("x".repeat(2000));
        assertThat(steps.get(1).limit()).isEqualTo(LimitHit.NONE);
    }

    @Test
    void theStepRunningWhenTheClockRanOutGetsTheTimeout() throws Exception {
        BuildScript script = BuildScript.ofCommands(List.of(List.of("true"), List.of("sleep", "10")));
        ProcessResult launch = new LocalProcessRunner().run(ProcessSpec.of(script.command(), dir, Duration.ofMillis(500), 1 << 20));

        List<ProcessResult> steps = script.splitSteps(launch, 1 << 20);

        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).succeeded()).isTrue();
        assertThat(steps.get(1).limit()).isEqualTo(LimitHit.WALL_CLOCK);
        assertThat(steps.get(1).timedOut()).isTrue();
    }

    private ProcessResult run(BuildScript script) throws Exception {
        return new LocalProcessRunner().run(ProcessSpec.of(script.command(), dir, Duration.ofSeconds(10), 1 << 20));
    }
}
