package dev.gradestream.executor.messaging;

import dev.gradestream.executor.config.ExecutorConfig;
import dev.gradestream.executor.metrics.GradingMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobs this executor grades at once: {@code gradestream.executor.slots} worker threads, and a count
 * of the busy ones. Only the intake's consumer thread starts jobs, and only when {@link #free()} says so,
 * so the workers never queue anything.
 */
@ApplicationScoped
public class GradingSlots {
    private final int size;
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService workers;

    GradingSlots(ExecutorConfig config, GradingMetrics metrics) {
        this.size = config.effectiveSlots();
        if (size < 1) {
            throw new IllegalArgumentException("gradestream.executor.slots must be at least 1; got " + size);
        }
        metrics.registerSlots(busy::get, size);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(size, job -> {
            Thread thread = new Thread(job, "grading-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Jobs that may run at once. */
    public int size() {
        return size;
    }

    /** Jobs running now. */
    public int busy() {
        return busy.get();
    }

    int free() {
        return size - busy.get();
    }

    /**
     * Runs the job in a slot; the caller has checked {@link #free()}. {@code then} runs after the slot is
     * free again, so whoever it wakes sees the free slot.
     */
    void start(Runnable job, Runnable then) {
        busy.incrementAndGet();
        workers.execute(() -> {
            try {
                job.run();
            } finally {
                busy.decrementAndGet();
                then.run();
            }
        });
    }

    // Daemon threads: a job still running when the shutdown grace is over must not hold the process up.
    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
