package dev.gradestream.bench.baseline;

import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link ProcessRunner} seam, wrapped: every launch of a grading is noted (its command, its
 * stdin and the time spent in it) before being handed to the real runner. Asked to, it also copies the
 * job directory as it is before the first launch, i.e. the files the engine prepared, so that the
 * baseline can start from the same inputs. One grading at a time: the engine's launches are sequential.
 */
public final class RecordingProcessRunner implements ProcessRunner {

    /**
     * One launch as the engine asked for it, and the exit status it got; {@code started} and {@code ended}
     * are System.nanoTime().
     */
    public record Launch(List<String> command, byte[] stdin, int exitCode, long started, long ended) {
        public long nanos() {
            return ended - started;
        }

        public boolean isValgrind(String valgrind) {
            return command.get(0).equals(valgrind);
        }
    }

    private final ProcessRunner delegate;
    private final List<Launch> launches = new ArrayList<>();
    private Path snapshotInto;

    public RecordingProcessRunner(ProcessRunner delegate) {
        this.delegate = delegate;
    }

    /**
     * The next grading's prepared job directory is copied into {@code directory} before its first launch;
     * {@code null} cancels a copy still pending (a grading that launched nothing).
     */
    public void snapshotNextJobInto(Path directory) {
        this.snapshotInto = directory;
    }

    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        if (snapshotInto != null) {
            copyFiles(spec.workDir(), snapshotInto);
            snapshotInto = null;
        }
        long started = System.nanoTime();
        ProcessResult result = delegate.run(spec);
        launches.add(new Launch(spec.command(), spec.stdin(), result.exitCode(), started, System.nanoTime()));
        return result;
    }

    /** The launches since the last call, and forgets them. */
    public List<Launch> take() {
        List<Launch> taken = List.copyOf(launches);
        launches.clear();
        return taken;
    }

    public static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
