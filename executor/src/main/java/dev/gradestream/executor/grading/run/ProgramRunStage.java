package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Runs the user's own main() once ("run my code"), with the submission's stdin; its stdout is the output. */
public final class ProgramRunStage {
    private static final int FIRST_SIGNAL_STATUS = 129;
    private static final int LAST_SIGNAL_STATUS = 128 + 31;

    private final ProcessRunner runner;
    private final long outputLimit;

    public ProgramRunStage(ProcessRunner runner, long outputLimit) {
        this.runner = runner;
        this.outputLimit = outputLimit;
    }

    public RunOutcome run(PreparedJob job, Submission submission, EventSink sink)
            throws IOException, InterruptedException {
        byte[] stdin = submission.stdin() == null ? null : submission.stdin().getBytes(StandardCharsets.UTF_8);
        ProcessResult result = runner.run(new ProcessSpec(List.of("./" + SourceNames.EXECUTABLE), job.dir(),
                Duration.ofSeconds(submission.timeout()), outputLimit, stdin, null)
                .withMemoryLimitBytes(ProcessSpec.megabytes(submission.memoryLimitMb())));
        String output = OutputText.clean(result.stdout());
        RunOutcome outcome = new RunOutcome(List.of(), end(result, submission),
                result.outputTruncated() ? OutputText.withNote(output, outputLimit) : output, result.wallMs());
        sink.emit(EventType.RUN_FINISHED, outcome.eventData());
        return outcome;
    }

    /**
     * The JVM reports a death by signal s as exit status 128 + s, which a program could also exit()
     * with on purpose; the sandbox's launcher will report the two apart.
     */
    private RunOutcome.ProgramEnd end(ProcessResult result, Submission submission) {
        // The clock, the output cap and every sandbox limit: the runner says which one stopped it.
        var limit = LimitEndings.of(result.limit(), submission, outputLimit);
        if (limit.isPresent()) {
            return new RunOutcome.ProgramEnd(limit.get().status(), limit.get().message(), null);
        }
        int status = result.exitCode();
        if (status >= FIRST_SIGNAL_STATUS && status <= LAST_SIGNAL_STATUS) {
            int signal = status - 128;
            return new RunOutcome.ProgramEnd(TestStatus.RUNTIME_ERROR, Signals.crash(signal), Signals.name(signal));
        }
        if (status != 0) {
            return new RunOutcome.ProgramEnd(TestStatus.RUNTIME_ERROR, "exited with code " + status, null);
        }
        return new RunOutcome.ProgramEnd(TestStatus.PASSED, null, null);
    }
}
