package dev.gradestream.bench;

import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import dev.gradestream.protocol.validation.SubmissionParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The throughput baseline: for each program of the mix, the exact commands the grading engine launches
 * for it (gcc -c, the link with the test harness, the native run, Valgrind when on), recorded from one
 * local grading, then replayed with a bare ProcessBuilder by {@code slots} threads over the whole batch.
 * No sandbox, no Kafka, no HTTP, no events: what the tools alone cost. Also the verdict status the engine
 * gives each program, which the app's verdicts are checked against.
 */
final class BaselineBatch implements AutoCloseable {
    private final Path workRoot;
    private final Map<String, Replay> replays = new HashMap<>();
    private final Map<String, String> statuses = new HashMap<>();

    BaselineBatch(List<String> programs, boolean valgrind) throws IOException {
        workRoot = Files.createTempDirectory("gradestream-bench-baseline-");
        RecordingProcessRunner runner = new RecordingProcessRunner(new LocalProcessRunner());
        GradingEngine engine = new GradingEngine(GradingConfig.defaults().withWorkRoot(workRoot), runner);
        for (String program : programs) {
            // The first grading of an engine also builds the test harness it caches; record a later one.
            engine.grade(SubmissionParser.parse(Programs.submission(program, valgrind)), null, (type, data) -> { });
            runner.take();
            Path inputs = workRoot.resolve("inputs-" + program);
            runner.snapshotNextJobInto(inputs);
            Verdict verdict = engine.grade(SubmissionParser.parse(Programs.submission(program, valgrind)), null,
                    (type, data) -> { });
            if (verdict.status() == VerdictStatus.INTERNAL_ERROR) {
                // The engine itself failed here (a missing tool or class): there is nothing to compare with.
                throw new IllegalStateException("the engine could not grade " + program + " locally: " + verdict.output());
            }
            replays.put(program, new Replay(runner.take(), inputs));
            statuses.put(program, verdict.status().wireName());
        }
    }

    /** The verdict status the engine gives the program, e.g. {@code passed}, {@code compile_error}. */
    String status(String program) {
        return statuses.get(program);
    }

    /** Replays {@code programs} (one entry per submission) on {@code slots} threads, all queued at once. */
    BatchResult run(List<String> programs, int slots) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try {
            long start = System.nanoTime();
            List<Future<Long>> ends = new ArrayList<>();
            for (String program : programs) {
                Replay replay = replays.get(program);
                ends.add(pool.submit(() -> {
                    replay.runOnce(workRoot, new long[replay.launches().size()]);
                    return System.nanoTime();
                }));
            }
            List<Double> latencies = new ArrayList<>();
            long last = start;
            for (Future<Long> end : ends) {
                long at = end.get();
                latencies.add((at - start) / 1e6);
                last = Math.max(last, at);
            }
            return new BatchResult(programs.size(), (last - start) / 1e9, Percentiles.of(latencies), 0, null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a baseline replay failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() throws IOException {
        Replay.deleteRecursively(workRoot);
    }
}
