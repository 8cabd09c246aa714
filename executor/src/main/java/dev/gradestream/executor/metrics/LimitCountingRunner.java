package dev.gradestream.executor.metrics;

import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;

/**
 * Counts the limits the sandbox reports, launch by launch: the runner is where a {@code LimitHit} is
 * measured, before stages turn it into test statuses (which say less: the OOM kill of a test run also
 * leaves later tests {@code not_run}).
 */
public final class LimitCountingRunner implements ProcessRunner {
    private final ProcessRunner runner;
    private final GradingMetrics metrics;

    public LimitCountingRunner(ProcessRunner runner, GradingMetrics metrics) {
        this.runner = runner;
        this.metrics = metrics;
    }

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        ProcessResult result = runner.run(spec);
        metrics.launched(result.limit());
        return result;
    }
}
