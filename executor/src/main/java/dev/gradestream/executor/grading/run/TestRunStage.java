package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.executor.grading.prepare.TestCase;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every test in one native run of the harness and emits each test's result the moment the
 * harness reports it. The whole run is bounded by the submission's {@code timeout}; tests it did not
 * reach are {@code not_run}.
 */
public final class TestRunStage {
    /** The harness reports a few short lines per test; this only guards against a runaway. */
    private static final long REPORT_CAP = 1L << 20;

    private final ProcessRunner runner;
    private final long outputLimit;

    public TestRunStage(ProcessRunner runner, long outputLimit) {
        this.runner = runner;
        this.outputLimit = outputLimit;
    }

    public RunOutcome run(PreparedJob job, Submission submission, EventSink sink)
            throws IOException, InterruptedException {
        Report report = new Report(job, new TestJudge(submission.perTestTimeout(), outputLimit), sink);
        // One byte over the limit is allowed to land in the file: that is how the harness sees a flood.
        List<String> command = List.of("./" + SourceNames.EXECUTABLE, Long.toString(submission.perTestTimeout() * 1000L),
                Long.toString(outputLimit), Long.toString(outputLimit + 1));
        ProcessResult result = runner.run(new ProcessSpec(command, job.dir(), Duration.ofSeconds(submission.timeout()),
                REPORT_CAP, null, report::accept));
        if (report.failure != null) {
            throw new IllegalStateException("the test harness failed: " + report.failure);
        }
        report.finish(result, submission.timeout());
        String output = OutputText.combine(report.results.stream().map(r -> r.output() == null ? "" : r.output())
                .toList(), outputLimit, false);
        RunOutcome outcome = new RunOutcome(report.results, null, output, result.wallMs());
        sink.emit(EventType.RUN_FINISHED, outcome.eventData());
        return outcome;
    }

    /** Follows the harness's report line by line, on the thread that reads its stdout. */
    private static final class Report {
        private final PreparedJob job;
        private final TestJudge judge;
        private final EventSink sink;
        private final List<TestResult> results = new ArrayList<>();
        private final Set<Integer> started = new HashSet<>();
        private final Map<Integer, HarnessLine.UserAssert> userAsserts = new HashMap<>();
        private String failure;

        Report(PreparedJob job, TestJudge judge, EventSink sink) {
            this.job = job;
            this.judge = judge;
            this.sink = sink;
        }

        void accept(String line) {
            HarnessLine parsed = HarnessLine.parse(line).orElse(null);
            if (parsed instanceof HarnessLine.Started s) {
                started.add(s.n());
            } else if (parsed instanceof HarnessLine.UserAssert a) {
                userAsserts.put(a.n(), a);
            } else if (parsed instanceof HarnessLine.Finished f && f.n() == results.size() + 1) {
                TestCase test = job.tests().get(f.n() - 1);
                add(judge.judge(test, f, userAsserts.get(f.n()), output(f.n())));
            } else if (parsed instanceof HarnessLine.Failure x) {
                failure = x.message();
            }
        }

        /**
         * Accounts for the tests the harness never reported: the one running when the run's clock ran out
         * (or when the harness was killed, which only a test can have done) and those never reached.
         */
        void finish(ProcessResult result, int timeoutSeconds) {
            for (TestCase test : job.tests().subList(results.size(), job.tests().size())) {
                boolean wasRunning = started.contains(test.n());
                TestStatus status = wasRunning && !result.timedOut() ? TestStatus.RUNTIME_ERROR
                        : wasRunning ? TestStatus.TIME_LIMIT : TestStatus.NOT_RUN;
                String message = switch (status) {
                    case RUNTIME_ERROR -> "stopped the test run (exit code " + result.exitCode() + ")";
                    case TIME_LIMIT -> "was running when the run's time budget of " + timeoutSeconds + " s ran out";
                    default -> "not run: " + (result.timedOut()
                            ? "the run's time budget of " + timeoutSeconds + " s ran out" : "the test run stopped");
                };
                add(new TestResult(test.n(), test.line(), test.expression(), status, message, 0, null,
                        wasRunning ? output(test.n()) : null));
            }
        }

        private void add(TestResult result) {
            results.add(result);
            sink.emit(result.passed() ? EventType.TEST_PASSED : EventType.TEST_FAILED,
                    Json.mapper().valueToTree(result));
        }

        private String output(int n) {
            try {
                return OutputText.read(job.dir().resolve(SourceNames.testOutput(n)), judge.outputLimit());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
