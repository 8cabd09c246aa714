package dev.gradestream.executor.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One command to run in a fresh sandbox.
 *
 * <p>The job directory is the only writable place shared with the host. It is mounted at the SAME path
 * inside the sandbox, so commands and file names the engine builds on the host (absolute or relative to
 * the working directory) mean the same thing inside. Before each launch the sandbox hands the directory
 * tree to the sandbox user (see {@link JobDirectoryOwner}).
 *
 * @param command            the program and its arguments; the program is looked up on the sandbox's PATH
 * @param jobDir             the job directory: absolute, at least two levels deep, not in a system tree
 *                           (/usr, /etc, /proc, /dev, ...), and given to the sandbox user with all it holds
 * @param workDir            where the command starts; usually the job directory or inside it
 * @param stdin              fed to the command, then closed; null for an empty stdin
 * @param wallClock          wall-clock limit of the whole launch
 * @param outputCapBytes     how much of stdout and of stderr (each) is kept; more kills the whole tree
 * @param limits             memory, pids, CPU, file size, /tmp and open-file limits
 * @param readOnlyBinds      extra host paths made visible read-only (a shared harness object, say)
 * @param stdoutLineListener called with each stdout line (without newline) as soon as it is read, from one
 *                           reader thread; null when not needed
 */
public record SandboxSpec(List<String> command, Path jobDir, Path workDir, byte[] stdin, Duration wallClock,
        long outputCapBytes, SandboxLimits limits, List<BindMount> readOnlyBinds,
        Consumer<String> stdoutLineListener) {

    /** Where the sandbox builds its own file system, and system trees a wrong path must never expose. */
    private static final List<String> RESERVED = List.of("/usr", "/etc", "/proc", "/dev", "/sys", "/boot", "/bin",
            "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/root", SandboxLayout.INIT_DIR);

    public SandboxSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(limits, "limits");
        readOnlyBinds = List.copyOf(readOnlyBinds);
        jobDir = checkedMountPoint(jobDir, "jobDir", 2);
        workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        if (wallClock.isNegative() || wallClock.isZero() || outputCapBytes <= 0) {
            throw new IllegalArgumentException("wallClock and outputCapBytes must be positive");
        }
        for (BindMount bind : readOnlyBinds) {
            checkedMountPoint(bind.target(), "bind target", 1);
        }
    }

    public static Builder builder(List<String> command, Path jobDir) {
        return new Builder(command, jobDir);
    }

    /** The CPU budget: the limits' own, or the wall clock. */
    public Duration cpuTime() {
        return limits.cpuTimeFor(wallClock);
    }

    private static Path checkedMountPoint(Path path, String what, int minDepth) {
        Path normal = Objects.requireNonNull(path, what).toAbsolutePath().normalize();
        String text = normal.toString();
        // A job directory at least two levels deep: "/tmp" or "/var" would hand a shared tree to the job.
        if (normal.getNameCount() < minDepth || RESERVED.stream().anyMatch(r -> text.equals(r) || text.startsWith(r + "/"))) {
            throw new IllegalArgumentException(what + " cannot be mounted in the sandbox: " + path);
        }
        return normal;
    }

    /** Fills in the usual: working directory = job directory, default limits, 10 s, 1 MiB of output. */
    public static final class Builder {
        private final List<String> command;
        private final Path jobDir;
        private Path workDir;
        private byte[] stdin;
        private Duration wallClock = Duration.ofSeconds(10);
        private long outputCapBytes = SandboxLimits.MIB;
        private SandboxLimits limits = SandboxLimits.defaults();
        private final List<BindMount> readOnlyBinds = new ArrayList<>();
        private Consumer<String> stdoutLineListener;

        private Builder(List<String> command, Path jobDir) {
            this.command = List.copyOf(command);
            this.jobDir = jobDir;
            this.workDir = jobDir;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder stdin(byte[] bytes) {
            this.stdin = bytes;
            return this;
        }

        public Builder wallClock(Duration limit) {
            this.wallClock = limit;
            return this;
        }

        public Builder outputCapBytes(long cap) {
            this.outputCapBytes = cap;
            return this;
        }

        public Builder limits(SandboxLimits value) {
            this.limits = value;
            return this;
        }

        public Builder readOnly(BindMount bind) {
            this.readOnlyBinds.add(bind);
            return this;
        }

        public Builder stdoutLineListener(Consumer<String> listener) {
            this.stdoutLineListener = listener;
            return this;
        }

        public SandboxSpec build() {
            return new SandboxSpec(command, jobDir, workDir, stdin, wallClock, outputCapBytes, limits, readOnlyBinds,
                    stdoutLineListener);
        }
    }
}
