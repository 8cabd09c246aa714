package dev.gradestream.bench.baseline;

import dev.gradestream.bench.support.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a batch through a {@link BareGrader} on a fixed number of threads, all queued at once, as a script
 * with {@code threads} workers would: the baseline's parallelism is the app's number of grading slots.
 */
public final class BaselinePool {
    private BaselinePool() {
    }

    /**
     * One job's timing: when it finished after the batch's start, and how long its own tools took (from its
     * worker picking it up), both in ms.
     */
    public record Timing(String program, double sinceStartMs, double ownMs) {
    }

    /** The batch: wall-clock seconds from start to the last job's end, and each job's timing in order. */
    public record Result(String grader, int threads, double seconds, List<Timing> timings) {
        public double perSecond() {
            return timings.size() / seconds;
        }
    }

    public static Result run(BareGrader grader, List<Job> jobs, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Timing>> ends = new ArrayList<>();
            for (Job job : jobs) {
                ends.add(pool.submit(() -> {
                    long picked = System.nanoTime();
                    grader.grade(job);
                    long done = System.nanoTime();
                    return new Timing(job.program(), (done - start) / 1e6, (done - picked) / 1e6);
                }));
            }
            List<Timing> timings = new ArrayList<>();
            for (Future<Timing> end : ends) {
                timings.add(end.get());
            }
            double last = timings.stream().mapToDouble(Timing::sinceStartMs).max().orElse(0);
            return new Result(grader.name(), threads, last / 1000, timings);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a " + grader.name() + " baseline run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
