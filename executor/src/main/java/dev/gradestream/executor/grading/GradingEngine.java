package dev.gradestream.executor.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.executor.grading.build.BuildCache;
import dev.gradestream.executor.grading.build.BuildOptions;
import dev.gradestream.executor.grading.build.Builder;
import dev.gradestream.executor.grading.build.Toolchain;
import dev.gradestream.executor.grading.compile.CompileOutcome;
import dev.gradestream.executor.grading.compile.CompileStage;
import dev.gradestream.executor.grading.policy.PolicyOutcome;
import dev.gradestream.executor.grading.policy.PolicyStage;
import dev.gradestream.executor.grading.prepare.HarnessRuntime;
import dev.gradestream.executor.grading.prepare.Mode;
import dev.gradestream.executor.grading.prepare.PrepareStage;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.TestCase;
import dev.gradestream.executor.grading.prepare.TestsParser;
import dev.gradestream.executor.grading.run.ProgramRunStage;
import dev.gradestream.executor.grading.run.RunOutcome;
import dev.gradestream.executor.grading.run.TestRunStage;
import dev.gradestream.executor.grading.valgrind.ValgrindOutcome;
import dev.gradestream.executor.grading.valgrind.ValgrindStage;
import dev.gradestream.executor.grading.verdict.VerdictAssembler;
import dev.gradestream.executor.logging.JobLogContext;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Limits;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Timings;
import dev.gradestream.protocol.model.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Grades one submission: prepare → compile → test → Valgrind → verdict, over a fresh job directory,
 * emitting each stage's event as it happens. Plain Java, safe to use from several threads at once
 * (each call has its own directory); Kafka is only the transport around it.
 */
public final class GradingEngine implements Grader {
    private static final Logger LOG = Logger.getLogger(GradingEngine.class.getName());

    private final GradingConfig config;
    private final PrepareStage prepare;
    private final CompileStage compile;
    private final PolicyStage policy;
    private final TestRunStage tests;
    private final ProgramRunStage program;
    private final ValgrindStage valgrind;
    private final GradingObserver observer;

    public GradingEngine(GradingConfig config, ProcessRunner runner) {
        this(config, runner, runner, GradingObserver.NONE);
    }

    public GradingEngine(GradingConfig config, ProcessRunner runner, ProcessRunner trustedRunner) {
        this(config, runner, trustedRunner, GradingObserver.NONE);
    }

    /**
     * @param runner        launches everything the submission can influence (compiler, program, tools)
     * @param trustedRunner builds the engine's own harness, which no submission touches, on the host
     * @param observer      told of every verdict returned
     */
    public GradingEngine(GradingConfig config, ProcessRunner runner, ProcessRunner trustedRunner,
            GradingObserver observer) {
        this.config = config;
        this.observer = observer;
        this.prepare = new PrepareStage(new HarnessRuntime(config.workRoot(), config.cc(), trustedRunner));
        this.compile = new CompileStage(config, builder(config, runner, trustedRunner, observer));
        this.policy = new PolicyStage(runner, config.cc(), config.cxx());
        this.tests = new TestRunStage(runner, config.outputLimitBytes());
        this.program = new ProgramRunStage(runner, config.outputLimitBytes());
        this.valgrind = new ValgrindStage(config, runner);
        if (!config.keepJobDirectories()) {
            // A service killed mid-job left its directories (student code, sandbox-owned files) behind.
            JobDirectory.sweepOrphans(config.workRoot());
        }
    }

    private static Builder builder(GradingConfig config, ProcessRunner runner, ProcessRunner trustedRunner,
            GradingObserver observer) {
        BuildOptions options = config.build();
        Toolchain toolchain = new Toolchain(trustedRunner, options.linker(), config.workRoot().resolve(".toolchain"));
        BuildCache cache = null;
        if (options.caching()) {
            try {
                cache = new BuildCache(config.workRoot().resolve(".builds"), options.cacheMaxBytes());
            } catch (IOException e) {
                // Slower without it, never wrong: every build is then launched.
                LOG.log(Level.WARNING, "cannot open the build cache under " + config.workRoot() + "; building without it", e);
            }
        }
        return new Builder(options, runner, toolchain, cache, observer);
    }

    /**
     * Grades a validated submission. The events end with {@code completed} (carrying the returned
     * verdict) or, if the grader itself failed, with {@code error}, and an internal_error verdict is
     * returned. Only if the sink cannot even take that {@code error} does this method throw.
     *
     * <p>While it runs, the thread's logging MDC names the submission, the attempt and the sink's trace.
     *
     * @param attempt names this execution in events and the job directory; may be null
     */
    @Override
    public Verdict grade(Submission submission, String attempt, EventSink sink) {
        try (JobLogContext ignored = JobLogContext.open(submission.id(), attempt, sink.traceId())) {
            LOG.fine("grading started");
            Verdict verdict = gradeJob(submission, attempt, sink);
            LOG.info(() -> "graded: " + verdict.status().wireName() + " in " + verdict.timings().totalMs() + " ms");
            observer.graded(submission.withDefaults(), verdict);
            return verdict;
        }
    }

    private Verdict gradeJob(Submission submission, String attempt, EventSink sink) {
        Submission job = submission.withDefaults()
                .withMemoryLimitMb(config.effectiveMemoryLimitMb(submission.memoryLimitMb()));
        Limits limits = new Limits(job.timeout(), job.perTestTimeout(), job.memoryLimitMb(), config.outputLimitBytes());
        Clock clock = new Clock();
        Path dir = null;
        try {
            dir = JobDirectory.create(config.workRoot(), attempt);
            Verdict verdict = run(job, attempt, limits, dir, sink, clock);
            sink.emit(EventType.COMPLETED, Json.mapper().valueToTree(verdict));
            return verdict;
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "grading of submission " + job.id() + " (attempt " + attempt + ") failed", e);
            sink.emit(EventType.ERROR, reason(e));
            List<TestCase> cases = Mode.of(job) == Mode.TESTS ? TestsParser.parse(job.tests()) : List.of();
            return VerdictAssembler.internalError(job, attempt, limits, cases, clock.timings());
        } finally {
            if (dir != null && !config.keepJobDirectories()) {
                deleteQuietly(dir);
            }
        }
    }

    private Verdict run(Submission job, String attempt, Limits limits, Path dir, EventSink sink, Clock clock)
            throws IOException, InterruptedException {
        sink.emit(EventType.STARTED, started(job, attempt, limits));
        PreparedJob prepared = prepare.prepare(job, dir);
        clock.prepared();
        CompileOutcome compiled = compile.compile(prepared, sink);
        clock.compiled();
        PolicyOutcome policed = compiled.built() ? judgePolicy(job, dir, sink) : null;
        clock.policed();
        RunOutcome ran = null;
        ValgrindOutcome checked = null;
        if (compiled.built() && (policed == null || !policed.violated())) {
            ran = prepared.mode() == Mode.TESTS ? tests.run(prepared, job, sink) : program.run(prepared, job, sink);
            clock.ran();
            if (job.valgrind()) {
                checked = valgrind.run(prepared, job, ran, sink);
            }
            clock.checked();
        }
        return VerdictAssembler.assemble(new VerdictAssembler.Facts(job, attempt, limits, prepared.tests(), compiled,
                policed, ran, checked, clock.timings()));
    }

    /**
     * Judges the function policy when the submission has one; null when it has none. A violating
     * submission is never run, and one whose policy could not be judged is not run either: failing
     * closed is the only safe answer to "may this code call system()?".
     */
    private PolicyOutcome judgePolicy(Submission job, Path dir, EventSink sink) throws IOException, InterruptedException {
        boolean hasBlacklist = job.blacklisted() != null && !job.blacklisted().isEmpty();
        if (!hasBlacklist && job.whitelisted() == null) {
            return null;
        }
        PolicyOutcome outcome = policy.check(dir, job);
        if (!outcome.judged()) {
            throw new IllegalStateException("the function policy could not be checked on code that compiled");
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("violations", Json.mapper().valueToTree(outcome.violations()));
        data.set("referencedFunctions", Json.mapper().valueToTree(outcome.referencedFunctions()));
        data.put("timeMs", outcome.elapsedMs());
        sink.emit(outcome.violated() ? EventType.POLICY_VIOLATED : EventType.POLICY_PASSED, data);
        return outcome;
    }

    private static JsonNode started(Submission job, String attempt, Limits limits) {
        Mode mode = Mode.of(job);
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("attempt", attempt);
        data.put("language", job.language().wireName());
        data.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        data.put("tests", mode == Mode.TESTS ? TestsParser.parse(job.tests()).size() : 0);
        data.put("valgrind", job.valgrind());
        data.set("limits", Json.mapper().valueToTree(limits));
        return data;
    }

    private JsonNode reason(Throwable e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Whoever watches the submission sees this: the service's own paths are none of their business.
        detail = detail.replace(config.workRoot().toAbsolutePath().toString(), "<work>");
        return Json.mapper().createObjectNode().put("reason",
                "the grader failed, not your code; submitting again may help (" + detail + ")");
    }

    private static void deleteQuietly(Path dir) {
        try {
            JobDirectory.delete(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete job directory " + dir, e);
        }
    }

    /** Stage timings, taken as the stages end; a stage that did not run takes 0 ms. */
    private static final class Clock {
        private final long start = System.nanoTime();
        private long last = start;
        private long prepareMs;
        private long compileMs;
        private long policyMs;
        private long testMs;
        private long valgrindMs;

        void prepared() {
            prepareMs = lap();
        }

        void compiled() {
            compileMs = lap();
        }

        void policed() {
            policyMs = lap();
        }

        void ran() {
            testMs = lap();
        }

        void checked() {
            valgrindMs = lap();
        }

        private long lap() {
            long now = System.nanoTime();
            long ms = (now - last) / 1_000_000;
            last = now;
            return ms;
        }

        Timings timings() {
            return new Timings(prepareMs, compileMs, policyMs, testMs, valgrindMs, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
