package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.LimitHit;
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
import java.util.Optional;
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
                REPORT_CAP, null, report::accept).withMemoryLimitBytes(ProcessSpec.megabytes(submission.memoryLimitMb())));
        if (report.failure != null) {
            throw new IllegalStateException("the test harness failed: " + report.failure);
        }
        report.finish(result, submission, outputLimit);
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
        private final Map<Integer, HarnessLine.UncaughtException> exceptions = new HashMap<>();
        /** How many of {@link #results} have been emitted; the rest wait for the run's end. */
        private int emitted;
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
            } else if (parsed instanceof HarnessLine.UncaughtException e) {
                exceptions.put(e.n(), e);
            } else if (parsed instanceof HarnessLine.Finished f && f.n() == results.size() + 1) {
                TestCase test = job.tests().get(f.n() - 1);
                add(judge.judge(test, f, userAsserts.get(f.n()), exceptions.get(f.n()), output(f.n())));
            } else if (parsed instanceof HarnessLine.Failure x) {
                failure = x.message();
            }
        }

        /**
         * Accounts for the tests the harness never reported: the one running when the run's clock ran out
         * (or when the harness was killed, which only a test can have done) and those never reached.
         */
        void finish(ProcessResult result, Submission submission, long outputLimit) {
            int timeoutSeconds = submission.timeout();
            // The kernel's counters say which limit stopped the run. The run's own clock has its own
            // wording below: it is the whole run's budget, not one test's.
            Optional<LimitEndings.Ending> limit = result.limit() == LimitHit.WALL_CLOCK ? Optional.empty()
                    : LimitEndings.of(result.limit(), submission, outputLimit);
            Integer oomVictim = result.limit() == LimitHit.MEMORY ? blameOomKill(limit.get()) : null;
            int firstUnreported = results.size() + 1;
            for (TestCase test : job.tests().subList(results.size(), job.tests().size())) {
                // Tests run one at a time and only a test's code can hit a limit: the first unreported test
                // was running even when the tree was killed before the harness could say it had started.
                boolean wasRunning = started.contains(test.n()) || (limit.isPresent() && test.n() == firstUnreported);
                TestStatus status;
                String message;
                if (oomVictim != null) {
                    status = TestStatus.NOT_RUN;
                    message = "not run: the run was stopped when test " + oomVictim + " " + limit.get().message();
                } else if (wasRunning && limit.isPresent()) {
                    status = limit.get().status();
                    message = limit.get().message();
                } else if (wasRunning) {
                    status = result.timedOut() ? TestStatus.TIME_LIMIT : TestStatus.RUNTIME_ERROR;
                    message = result.timedOut() ? "was running when the run's time budget of " + timeoutSeconds
                            + " s ran out" : "stopped the test run (exit code " + result.exitCode() + ")";
                } else {
                    status = TestStatus.NOT_RUN;
                    message = "not run: " + (limit.isPresent() ? "an earlier test " + limit.get().message()
                            : result.timedOut() ? "the run's time budget of " + timeoutSeconds + " s ran out"
                            : "the test run stopped");
                }
                results.add(new TestResult(test.n(), test.line(), test.expression(), status, message, 0, null,
                        wasRunning ? output(test.n()) : null));
            }
            emitPending();
        }

        /**
         * The OOM killer's victim is the first test reported killed by a SIGKILL the harness did not send
         * (its own kills are timeouts); the watchdog may only have stopped the run a test or two later.
         * Returns its number, or null when the memory ran out in the test that was still running.
         */
        private Integer blameOomKill(LimitEndings.Ending memory) {
            for (int i = emitted; i < results.size(); i++) {
                TestResult killed = results.get(i);
                if (killedBySigkill(killed)) {
                    results.set(i, new TestResult(killed.n(), killed.line(), killed.expression(), memory.status(),
                            memory.message(), killed.timeMs(), null, killed.output()));
                    return killed.n();
                }
            }
            return null;
        }

        /**
         * A test killed by SIGKILL may have been the OOM killer's doing, which only the run's end tells:
         * from there on, results wait (in order) so that no event says "runtime error" for a memory kill.
         */
        private void add(TestResult result) {
            results.add(result);
            if (results.stream().skip(emitted).noneMatch(Report::killedBySigkill)) {
                emitPending();
            }
        }

        private void emitPending() {
            for (; emitted < results.size(); emitted++) {
                TestResult result = results.get(emitted);
                sink.emit(result.passed() ? EventType.TEST_PASSED : EventType.TEST_FAILED,
                        Json.mapper().valueToTree(result));
            }
        }

        private static boolean killedBySigkill(TestResult result) {
            return result.status() == TestStatus.RUNTIME_ERROR && "SIGKILL".equals(result.signal());
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
