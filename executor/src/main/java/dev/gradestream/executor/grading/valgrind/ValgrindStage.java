package dev.gradestream.executor.grading.valgrind;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.prepare.Mode;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import dev.gradestream.executor.grading.run.HarnessLine;
import dev.gradestream.executor.grading.run.RunOutcome;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.ValgrindReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One memcheck run of the same binary for all tests: Valgrind follows the harness's forks and writes one
 * XML report per process, and the harness's report says which process ran which test.
 */
public final class ValgrindStage {
    /**
     * A test (or program) killed natively by a limit would only be killed again, slower, with a report
     * cut short, so it is left out of the Valgrind run.
     */
    private static final Set<TestStatus> SKIPPED = EnumSet.of(TestStatus.TIME_LIMIT, TestStatus.OUTPUT_LIMIT,
            TestStatus.MEMORY_LIMIT, TestStatus.NOT_RUN);
    /** RLIMIT_FSIZE also bounds Valgrind's own XML, written from the test's process. */
    private static final long XML_HEADROOM = 16L << 20;
    private static final long REPORT_CAP = 1L << 20;
    private static final String REPORT_GLOB = "vg.*.xml";

    private final GradingConfig config;
    private final ProcessRunner runner;

    public ValgrindStage(GradingConfig config, ProcessRunner runner) {
        this.config = config;
        this.runner = runner;
    }

    public ValgrindOutcome run(PreparedJob job, Submission submission, RunOutcome nativeRun, EventSink sink)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<Integer> skipped = nativeRun.tests().stream().filter(t -> SKIPPED.contains(t.status()))
                .map(TestResult::n).toList();
        ValgrindOutcome outcome;
        boolean programHitALimit = nativeRun.program() != null && SKIPPED.contains(nativeRun.program().status());
        if (programHitALimit || job.mode() == Mode.TESTS && skipped.size() == job.tests().size()) {
            String why = programHitALimit ? "the program hit a limit" : "every test hit a limit";
            outcome = new ValgrindOutcome(ValgrindReport.NOT_RUN, "not run: " + why, List.of(), skipped, 0);
        } else {
            ProcessResult result = runner.run(spec(job, submission, skipped));
            ValgrindReport report = read(job, result);
            outcome = new ValgrindOutcome(report, summary(report, result),
                    ValgrindFindings.diagnostics(report), skipped, (System.nanoTime() - started) / 1_000_000);
        }
        sink.emit(EventType.VALGRIND, outcome.eventData());
        return outcome;
    }

    private ProcessSpec spec(PreparedJob job, Submission submission, List<Integer> skipped) {
        int factor = config.valgrindTimeoutFactor();
        // A relative report path: the job directory is the working directory, wherever a sandbox mounts it.
        // --keep-stacktraces=alloc: the report keeps only each error's first stack (where it happened, or
        // where a leaked block was allocated), never where a block was freed; recording that stack at every
        // free() cost ~6 % of a free()-heavy run (200k frees) and changes no finding.
        List<String> command = new ArrayList<>(List.of(config.valgrind(), "--tool=memcheck", "--leak-check=full",
                "--show-leak-kinds=all", "--xml=yes", "--xml-file=vg.%p.xml", "--child-silent-after-fork=no",
                "--read-inline-info=no", "--keep-stacktraces=alloc", "./" + SourceNames.EXECUTABLE));
        Duration wallClock = Duration.ofSeconds((long) submission.timeout() * factor);
        if (job.mode() == Mode.PROGRAM) {
            byte[] stdin = submission.stdin() == null ? null : submission.stdin().getBytes(StandardCharsets.UTF_8);
            return new ProcessSpec(command, job.dir(), wallClock, config.outputLimitBytes(), stdin, null)
                    .withMemoryLimitBytes(ProcessSpec.megabytes(submission.memoryLimitMb()));
        }
        command.add(Long.toString(submission.perTestTimeout() * 1000L * factor));
        command.add(Long.toString(config.outputLimitBytes()));
        command.add(Long.toString(config.outputLimitBytes() + XML_HEADROOM));
        command.add(skipped.stream().map(String::valueOf).collect(Collectors.joining(",")));
        return new ProcessSpec(command, job.dir(), wallClock, REPORT_CAP, null, null)
                .withMemoryLimitBytes(ProcessSpec.megabytes(submission.memoryLimitMb()));
    }

    private static ValgrindReport read(PreparedJob job, ProcessResult result) throws IOException {
        Map<Long, Integer> testByPid = new HashMap<>();
        // Only the harness's stdout is a report; a program's own stdout is whatever it printed.
        for (String line : job.mode() == Mode.TESTS ? result.stdout().split("\n") : new String[0]) {
            HarnessLine.parse(line).ifPresent(parsed -> {
                if (parsed instanceof HarnessLine.Started s) {
                    testByPid.put(s.pid(), s.n());
                }
            });
        }
        List<Path> files;
        try (var found = Files.newDirectoryStream(job.dir(), REPORT_GLOB)) {
            files = new ArrayList<>();
            found.forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("valgrind wrote no report (exit code " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        ValgrindFindings findings = new ValgrindFindings();
        for (Path file : files) {
            findings.add(ValgrindXml.parse(file), testByPid);
        }
        return findings.report();
    }

    private static String summary(ValgrindReport report, ProcessResult result) {
        String summary = ValgrindFindings.summary(report);
        if (result.timedOut()) {
            return summary + "\n(the Valgrind run was stopped after its time budget; this report is partial)";
        }
        return summary;
    }
}
