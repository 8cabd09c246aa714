package dev.gradestream.bench.baseline;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline: the exact command lines one grading launched (gcc, the link, the native run, Valgrind),
 * run again one after the other with a bare {@link ProcessBuilder}, in a copy of the job directory the
 * engine had prepared. Only the launches are timed: creating the directory, copying the inputs in and
 * deleting it afterwards are not, so everything else the engine does (preparing and deleting its job
 * directory included) counts as its overhead.
 */
public final class Replay {
    private static final File NO_INPUT = new File("/dev/null");

    private final List<RecordingProcessRunner.Launch> launches;
    private final Path inputs;

    public Replay(List<RecordingProcessRunner.Launch> launches, Path inputs) {
        this.launches = List.copyOf(launches);
        this.inputs = inputs;
    }

    public List<RecordingProcessRunner.Launch> launches() {
        return launches;
    }

    /**
     * Runs every launch once in a fresh copy of the inputs; returns the nanoseconds the launches took,
     * and puts each launch's own nanoseconds in {@code perLaunch} (as long as the launches).
     */
    public long runOnce(Path workRoot, long[] perLaunch) throws IOException, InterruptedException {
        if (launches.isEmpty()) {
            return 0; // the engine launched nothing (all from its cache): neither does the bare replay
        }
        Path dir = Files.createTempDirectory(workRoot, "baseline-");
        try {
            RecordingProcessRunner.copyFiles(inputs, dir);
            for (int i = 0; i < launches.size(); i++) {
                if (launches.get(i).stdin() != null) {
                    Files.write(dir.resolve("baseline.stdin." + i), launches.get(i).stdin());
                }
            }
            long started = System.nanoTime();
            long last = started;
            for (int i = 0; i < launches.size(); i++) {
                run(launches.get(i), i, dir);
                long now = System.nanoTime();
                perLaunch[i] = now - last;
                last = now;
            }
            return last - started;
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * stdout is read on this thread to its end, stderr goes to a file: the least a caller can do and still
     * have each tool's whole output. A launch that exits otherwise than it did for the engine (a compile
     * error's gcc fails for both) means the baseline did not do the engine's work.
     */
    private static void run(RecordingProcessRunner.Launch launch, int index, Path dir)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(launch.command()).directory(dir.toFile())
                .redirectInput(launch.stdin() == null ? Redirect.from(NO_INPUT)
                        : Redirect.from(dir.resolve("baseline.stdin." + index).toFile()))
                .redirectError(dir.resolve("baseline.stderr." + index).toFile())
                .start();
        try (InputStream out = process.getInputStream()) {
            out.readAllBytes();
        }
        int exit = process.waitFor();
        if (exit != launch.exitCode()) {
            throw new IllegalStateException("baseline launch " + launch.command() + " exited with " + exit
                    + ", the engine's with " + launch.exitCode() + ": "
                    + Files.readString(dir.resolve("baseline.stderr." + index)));
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
