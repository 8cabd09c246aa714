package dev.gradestream.executor.grading;

import dev.gradestream.executor.logging.JobLogContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs processes directly on this machine with {@link ProcessBuilder}: no isolation beyond the bounds
 * of the spec. The sandboxing runner will wrap the same command instead.
 */
public final class LocalProcessRunner implements ProcessRunner {
    /** How long to wait for the output readers once the process is gone: a process that escaped the
     * tree kill (it re-parented itself) may still hold the pipes open. */
    private static final long READER_GRACE_MS = 2_000;
    private static final int KILL_ROUNDS = 3;
    /**
     * The threads that drain a process's pipes (and feed its stdin), reused from launch to launch. A
     * grading makes three or four launches, and creating, starting and joining three fresh threads for each
     * cost 0.2-0.5 ms per launch on a busy 2-core machine: about a third of the engine's own overhead on a
     * tiny submission (docs/performance.md). Daemon threads, so a reader still stuck on a pipe an escaped
     * process holds open never keeps the JVM alive; idle ones end after a minute.
     */
    private static final ExecutorService IO = Executors.newCachedThreadPool(new IoThreads());

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(spec.command()).directory(spec.workDir().toFile()).start();
        AtomicBoolean killed = new AtomicBoolean();
        Runnable kill = () -> {
            if (killed.compareAndSet(false, true)) {
                killTree(process.toHandle());
            }
        };
        AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();
        Consumer<RuntimeException> stopFollowing = failure -> {
            listenerFailure.compareAndSet(null, failure);
            kill.run();
        };
        StreamCollector out = new StreamCollector(process.getInputStream(), spec.outputCapBytes(),
                spec.stdoutLineListener(), kill, stopFollowing);
        StreamCollector err = new StreamCollector(process.getErrorStream(), spec.outputCapBytes(), null, kill,
                stopFollowing);
        Future<?> outReader = IO.submit(named(out, "stdout", process));
        Future<?> errReader = IO.submit(named(err, "stderr", process));
        // Nothing to feed (every launch of a test grading): close stdin here rather than in a thread.
        Future<?> feeder = spec.stdin() == null ? null
                : IO.submit(named(() -> feed(process.getOutputStream(), spec.stdin()), "stdin", process));
        if (feeder == null) {
            feed(process.getOutputStream(), null);
        }
        boolean timedOut;
        try {
            timedOut = !process.waitFor(spec.wallClock().toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                kill.run();
            }
            process.waitFor();
            join(outReader);
            join(errReader);
        } catch (InterruptedException e) {
            kill.run();
            throw e;
        } finally {
            // Unblocks a reader still stuck on a pipe that an escaped process holds open.
            closeQuietly(process);
            if (feeder != null) {
                feeder.cancel(true);
            }
        }
        if (listenerFailure.get() != null) {
            throw listenerFailure.get();
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        // A plain launch can only tell the clock and the output cap; the sandbox reports the rest.
        LimitHit limit = timedOut ? LimitHit.WALL_CLOCK
                : out.overflowed() || err.overflowed() ? LimitHit.OUTPUT : LimitHit.NONE;
        return new ProcessResult(process.exitValue(), out.text(), err.text(), wallMs, limit);
    }

    /**
     * Kills the root first, so it cannot react to its children's deaths (a test harness would report a
     * killed test and start the next one), then the descendants it had, found before it died (after,
     * they are re-parented and no longer found through it), then, for a few rounds, what those had
     * forked meanwhile. A process forked in the instant between the snapshot and the root's death
     * escapes; the sandbox's pid namespace and cgroup close that gap.
     */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        for (int round = 0; round < KILL_ROUNDS && !tree.isEmpty(); round++) {
            List<ProcessHandle> next = new ArrayList<>();
            for (ProcessHandle process : tree) {
                process.descendants().forEach(next::add);
                process.destroyForcibly();
            }
            tree = next;
        }
    }

    /**
     * The task, run under a name that says which process and stream it serves (for thread dumps), with
     * the calling job's logging context.
     */
    private static Runnable named(Runnable task, String what, Process process) {
        String name = "gs-process-" + process.pid() + "-" + what;
        return JobLogContext.carry(() -> {
            Thread thread = Thread.currentThread();
            String idle = thread.getName();
            thread.setName(name);
            try {
                task.run();
            } finally {
                thread.setName(idle);
            }
        });
    }

    /** Waits for a reader to drain its pipe, at most {@link #READER_GRACE_MS}. */
    private static void join(Future<?> reader) throws InterruptedException {
        try {
            reader.get(READER_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillBlocked) {
            // An escaped process holds the pipe open: what was read so far is all we take.
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a process's output failed", e.getCause());
        }
    }

    private static final class IoThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "gs-process-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            if (bytes != null) {
                stdin.write(bytes);
            }
        } catch (IOException e) {
            // The process exited or closed its stdin without reading everything: that is its business.
        }
    }

    private static void closeQuietly(Process process) {
        for (var stream : new java.io.Closeable[] {process.getInputStream(), process.getErrorStream()}) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing to do: the stream is being given up on either way.
            }
        }
    }
}
