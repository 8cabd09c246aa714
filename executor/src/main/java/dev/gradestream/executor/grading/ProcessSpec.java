package dev.gradestream.executor.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to launch and under which bounds.
 *
 * @param outputCapBytes       how much of stdout and of stderr (each) is kept; more kills the process
 * @param stdin                fed to the process, then closed; null for an empty stdin
 * @param stdoutLineListener   called with each stdout line (without its newline) as soon as it is read,
 *                             from a reader thread, never concurrently; null when not needed
 * @param memoryLimitBytes     memory for the whole launch (the submission's memoryLimitMb); null for the
 *                             runner's default. Only a sandboxing runner can enforce it.
 */
public record ProcessSpec(List<String> command, Path workDir, Duration wallClock, long outputCapBytes, byte[] stdin,
        Consumer<String> stdoutLineListener, Long memoryLimitBytes) {

    public ProcessSpec {
        command = List.copyOf(command);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(wallClock, "wallClock");
        if (outputCapBytes <= 0) {
            throw new IllegalArgumentException("outputCapBytes must be positive");
        }
    }

    public ProcessSpec(List<String> command, Path workDir, Duration wallClock, long outputCapBytes, byte[] stdin,
            Consumer<String> stdoutLineListener) {
        this(command, workDir, wallClock, outputCapBytes, stdin, stdoutLineListener, null);
    }

    public ProcessSpec withMemoryLimitBytes(Long bytes) {
        return new ProcessSpec(command, workDir, wallClock, outputCapBytes, stdin, stdoutLineListener, bytes);
    }

    /** Megabytes as bytes, null staying null (the runner's default). */
    public static Long megabytes(Integer megabytes) {
        return megabytes == null ? null : megabytes * 1024L * 1024L;
    }

    public static ProcessSpec of(List<String> command, Path workDir, Duration wallClock, long outputCapBytes) {
        return new ProcessSpec(command, workDir, wallClock, outputCapBytes, null, null);
    }
}
