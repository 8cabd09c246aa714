package dev.gradestream.executor.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs processes directly on this machine with {@link ProcessBuilder}: no isolation beyond the bounds
 * of the spec. The sandboxing runner will wrap the same command instead.
 */
public final class LocalProcessRunner implements ProcessRunner {
    /** How long to wait for the output readers once the process is gone: a process that escaped the
     * tree kill (it re-parented itself) may still hold the pipes open. */
    private static final long READER_GRACE_MS = 2_000;
    private static final int KILL_ROUNDS = 3;

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
        StreamCollector out = new StreamCollector(process.getInputStream(), spec.outputCapBytes(),
                spec.stdoutLineListener(), kill);
        StreamCollector err = new StreamCollector(process.getErrorStream(), spec.outputCapBytes(), null, kill);
        Thread outReader = start(out, "stdout", process);
        Thread errReader = start(err, "stderr", process);
        Thread feeder = start(() -> feed(process.getOutputStream(), spec.stdin()), "stdin", process);
        boolean timedOut;
        try {
            timedOut = !process.waitFor(spec.wallClock().toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                kill.run();
            }
            process.waitFor();
            outReader.join(READER_GRACE_MS);
            errReader.join(READER_GRACE_MS);
        } catch (InterruptedException e) {
            kill.run();
            throw e;
        } finally {
            // Unblocks a reader still stuck on a pipe that an escaped process holds open.
            closeQuietly(process);
            feeder.interrupt();
        }
        for (StreamCollector collector : new StreamCollector[] {out, err}) {
            if (collector.listenerFailure() != null) {
                throw collector.listenerFailure();
            }
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        return new ProcessResult(process.exitValue(), timedOut, out.overflowed() || err.overflowed(), out.text(),
                err.text(), wallMs);
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

    private static Thread start(Runnable task, String what, Process process) {
        Thread thread = new Thread(task, "gs-process-" + process.pid() + "-" + what);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
