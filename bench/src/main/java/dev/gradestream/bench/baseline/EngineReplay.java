package dev.gradestream.bench.baseline;

import dev.gradestream.bench.load.VerdictSignature;
import dev.gradestream.bench.support.Job;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.Workload;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import dev.gradestream.protocol.validation.SubmissionParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure-overhead baseline: for each program of the mix, the exact commands the grading engine launches
 * for it, whatever they are (today one sh -c build script that compiles and links with the test harness,
 * the native run, Valgrind when on), recorded through the engine's {@code ProcessRunner} seam from one local grading, then replayed with
 * a bare ProcessBuilder in a copy of the job directory the engine prepared. No sandbox, no Kafka, no HTTP,
 * no events. Also what the engine's verdict on each program says (its status and {@link VerdictSignature}),
 * which the app's verdicts are checked against.
 *
 * <p>The recorded grading is an engine's second: the first also builds what the engine caches across jobs
 * (the harness object, and, with a build cache, the program itself, so the second launches what a repeated
 * submission does: possibly nothing before the tests, or nothing at all for a compile error). With
 * {@code distinct}, it grades a variant no earlier grading saw, so an engine that caches compiled
 * submissions launches what it launches on a miss, as it does for every distinct submission of the load.
 * Its Valgrind reads the host's full debug info, the sandbox's a symbols-only copy, so with Valgrind the
 * replay is the dearer of the two.
 */
public final class EngineReplay implements BareGrader, AutoCloseable {
    private final Path workRoot;
    private final Map<String, Replay> replays = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();
    private final Map<String, String> signatures = new HashMap<>();

    public EngineReplay(List<String> programs, boolean valgrind, boolean distinct) throws IOException {
        workRoot = Files.createTempDirectory("gradestream-bench-baseline-");
        RecordingProcessRunner runner = new RecordingProcessRunner(new LocalProcessRunner());
        GradingEngine engine = new GradingEngine(GradingConfig.defaults().withWorkRoot(workRoot), runner);
        for (String program : programs) {
            engine.grade(SubmissionParser.parse(Programs.submission(program, valgrind)), null, (type, data) -> { });
            runner.take();
            Path inputs = workRoot.resolve("inputs-" + program);
            runner.snapshotNextJobInto(inputs);
            String recorded = distinct ? Programs.distinct(program, valgrind, Workload.nextUnique())
                    : Programs.submission(program, valgrind);
            Verdict verdict = engine.grade(SubmissionParser.parse(recorded), null, (type, data) -> { });
            // An engine with a build cache may launch nothing at all for a program it has seen (a compile
            // error is cached too): then there was no job directory to copy, and nothing to replay.
            runner.snapshotNextJobInto(null);
            Files.createDirectories(inputs);
            if (verdict.status() == VerdictStatus.INTERNAL_ERROR) {
                // The engine itself failed here (a missing tool or class): there is nothing to compare with.
                throw new IllegalStateException("the engine could not grade " + program + " locally: " + verdict.output());
            }
            replays.put(program, new Replay(runner.take(), inputs));
            statuses.put(program, verdict.status().wireName());
            signatures.put(program, VerdictSignature.of(Json.mapper().valueToTree(verdict)));
        }
    }

    /** The verdict status the engine gives the program, e.g. {@code passed}, {@code compile_error}. */
    public String status(String program) {
        return statuses.get(program);
    }

    /** What the engine's verdict on the program says ({@link VerdictSignature}), e.g. {@code passed, failed tests []…}. */
    public String signature(String program) {
        return signatures.get(program);
    }

    /** The launches replayed for the program. */
    public List<RecordingProcessRunner.Launch> launches(String program) {
        return replays.get(program).launches();
    }

    @Override
    public void grade(Job job) throws IOException, InterruptedException {
        Replay replay = replays.get(job.program());
        replay.runOnce(workRoot, new long[replay.launches().size()]);
    }

    @Override
    public String name() {
        return "engine replay";
    }

    @Override
    public void close() throws IOException {
        Replay.deleteRecursively(workRoot);
    }
}
