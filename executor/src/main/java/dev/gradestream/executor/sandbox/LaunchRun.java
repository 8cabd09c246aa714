package dev.gradestream.executor.sandbox;

import dev.gradestream.executor.grading.StreamCollector;
import dev.gradestream.executor.logging.JobLogContext;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one started launch to its end: feeds stdin, drains stdout and stderr, and polls the cgroup
 * counters and the clocks, killing the whole tree as soon as a limit is reached. The counters are polled
 * rather than waited on because the total CPU time has no notification and the OOM and pids events are
 * final anyway: the verdict is decided the moment one fires, so there is no point burning the rest of the
 * wall clock.
 */
final class LaunchRun {
    private static final long POLL_MS = 10;
    /** Readers get this long after the end of the tree: nothing can hold the pipes open by then. */
    private static final long READER_GRACE_MS = 2_000;
    /** After a kill, the launcher reaps and exits within milliseconds. */
    private static final long LAUNCHER_GRACE_MS = 10_000;
    /** Pipe readers and stdin feeders, reused: a new thread per stream and launch costs more than the pipe. */
    private static final ExecutorService IO = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gs-sandbox-io");
        thread.setDaemon(true);
        return thread;
    });

    /** What happened, for {@link VerdictRules}. */
    record Outcome(StopCause stopCause, int bwrapExit, long wallMs, String stdout, String stderr,
            RuntimeException listenerFailure) {
    }

    private final Process process;
    private final LaunchCgroup cgroup;
    private final boolean limitsByCgroup;
    private final long minFreeDiskBytes;
    private final AtomicReference<StopCause> stopCause = new AtomicReference<>();
    private final AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();

    LaunchRun(Process process, LaunchCgroup cgroup, boolean limitsByCgroup, long minFreeDiskBytes) {
        this.process = process;
        this.cgroup = cgroup;
        this.limitsByCgroup = limitsByCgroup;
        this.minFreeDiskBytes = minFreeDiskBytes;
    }

    Outcome await(SandboxSpec spec, long startedNanos) throws InterruptedException {
        StreamCollector out = new StreamCollector(process.getInputStream(), spec.outputCapBytes(),
                spec.stdoutLineListener(), () -> stop(StopCause.OUTPUT), this::listenerFailed);
        StreamCollector err = new StreamCollector(process.getErrorStream(), spec.outputCapBytes(), null,
                () -> stop(StopCause.OUTPUT), this::listenerFailed);
        // The readers call the job's line listener: their log lines carry the job's context too.
        Future<?> outReader = IO.submit(JobLogContext.carry(out));
        Future<?> errReader = IO.submit(JobLogContext.carry(err));
        Future<?> feeder = spec.stdin() == null ? null : IO.submit(() -> feed(process.getOutputStream(), spec.stdin()));
        if (feeder == null) {
            feed(process.getOutputStream(), null);
        }
        File jobDir = spec.jobDir().toFile();
        long wallMs;
        try {
            watch(startedNanos + spec.wallClock().toNanos(), spec.cpuTime().toNanos(), jobDir);
            if (!process.waitFor(LAUNCHER_GRACE_MS, TimeUnit.MILLISECONDS)) {
                // Only a broken launcher gets here; killing it hands the tree to bwrap's parent-death signal.
                process.destroyForcibly();
                process.waitFor();
            }
            wallMs = (System.nanoTime() - startedNanos) / 1_000_000;
            awaitQuietly(outReader);
            awaitQuietly(errReader);
        } catch (InterruptedException e) {
            stop(StopCause.INTERRUPTED);
            throw e;
        } finally {
            if (feeder != null) {
                feeder.cancel(true);
            }
        }
        return new Outcome(stopCause.get(), process.exitValue(), wallMs, out.text(), err.text(),
                listenerFailure.get());
    }

    private void watch(long deadline, long cpuLimitNanos, File jobDir) throws InterruptedException {
        while (stopCause.get() == null) {
            long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0) {
                stop(StopCause.WALL_CLOCK);
                return;
            }
            if (process.waitFor(Math.min(POLL_MS, remainingMs), TimeUnit.MILLISECONDS)) {
                return;
            }
            if (limitsByCgroup) {
                CgroupCounters counters = cgroup.counters();
                if (counters.oomKills() > 0) {
                    stop(StopCause.OOM_KILL);
                } else if (counters.pidsLimitHits() > 0) {
                    stop(StopCause.PIDS_LIMIT);
                } else if (counters.cpuNanos() >= cpuLimitNanos) {
                    stop(StopCause.CPU_TIME);
                }
            }
            // statvfs: a few microseconds. Many files below RLIMIT_FSIZE could otherwise fill the disk.
            if (minFreeDiskBytes > 0 && jobDir.getUsableSpace() < minFreeDiskBytes) {
                stop(StopCause.DISK_FLOOR);
            }
        }
    }

    /**
     * Kills the tree once, for the first reason: the cgroup first (atomic), then SIGTERM to the launcher,
     * which SIGKILLs bwrap (the only kill there is without cgroups) and stays to reap what dies.
     */
    void stop(StopCause cause) {
        if (stopCause.compareAndSet(null, cause)) {
            cgroup.killAll();
            process.destroy();
        }
    }

    private void listenerFailed(RuntimeException failure) {
        listenerFailure.compareAndSet(null, failure);
        stop(StopCause.LISTENER_FAILED);
    }

    /** The readers end at EOF, which comes with the end of the tree; the grace only guards against a bug. */
    private static void awaitQuietly(Future<?> reader) throws InterruptedException {
        try {
            reader.get(READER_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what was read so far is kept either way
        }
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            if (bytes != null) {
                stdin.write(bytes);
            }
        } catch (IOException e) {
            // The command exited or closed stdin without reading it all: its business.
        }
    }
}
