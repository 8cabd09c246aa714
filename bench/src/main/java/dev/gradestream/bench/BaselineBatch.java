package dev.gradestream.bench;

import dev.gradestream.bench.baseline.BaselinePool;
import dev.gradestream.bench.baseline.EngineReplay;
import dev.gradestream.bench.baseline.PlainLoop;
import dev.gradestream.bench.baseline.Replay;
import dev.gradestream.bench.support.Job;
import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.Programs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The throughput bench's baseline, issue #6's "plain loop that runs the same gcc/run/valgrind commands"
 * ({@link PlainLoop}: gcc, the run, Valgrind, per submission), over a batch queued at once on {@code slots}
 * threads, as a {@link BatchResult} whose latencies run from the batch's start, like the app's from their
 * POST. It used to replay the engine's own commands ({@link EngineReplay}); since the engine caches builds,
 * those are a repeated program's cache hit, with no gcc at all, which is no plain loop. The replay still
 * says what verdict each program must get.
 */
final class BaselineBatch implements AutoCloseable {
    private final EngineReplay replay;
    private final Path workRoot;
    private final PlainLoop plain;
    private final boolean valgrind;

    BaselineBatch(List<String> programs, boolean valgrind) throws IOException {
        this.replay = new EngineReplay(programs, valgrind, false);
        this.workRoot = Files.createTempDirectory("gradestream-bench-plain-");
        this.plain = new PlainLoop(workRoot, replay::status);
        this.valgrind = valgrind;
    }

    /** The verdict status the engine gives the program, e.g. {@code passed}, {@code compile_error}. */
    String status(String program) {
        return replay.status(program);
    }

    /** Grades {@code programs} with the plain loop (one entry per submission) on {@code slots} threads, all queued at once. */
    BatchResult run(List<String> programs, int slots) throws InterruptedException {
        List<Job> jobs = programs.stream().map(p -> new Job(p, Programs.submission(p, valgrind))).toList();
        BaselinePool.Result result = BaselinePool.run(plain, jobs, slots);
        return new BatchResult(programs.size(), result.seconds(),
                Percentiles.of(result.timings().stream().map(BaselinePool.Timing::sinceStartMs).toList()), 0, null);
    }

    @Override
    public void close() throws IOException {
        replay.close();
        Replay.deleteRecursively(workRoot);
    }
}
