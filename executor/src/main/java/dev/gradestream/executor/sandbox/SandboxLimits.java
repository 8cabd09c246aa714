package dev.gradestream.executor.sandbox;

import java.time.Duration;

/**
 * The resource limits of one launch, apart from its wall clock and output cap (which every caller sets
 * anyway).
 *
 * @param memoryBytes   memory cgroup limit (RSS, page cache and /tmp pages all count)
 * @param pids          most processes and threads alive at once (pids cgroup)
 * @param cpuTime       total CPU time of the whole tree (cgroup cpuacct); null means the wall clock
 * @param fileSizeBytes RLIMIT_FSIZE: the largest file a process may write (SIGXFSZ past it)
 * @param tmpBytes      size of the private /tmp (a tmpfs)
 * @param openFiles     RLIMIT_NOFILE
 */
public record SandboxLimits(long memoryBytes, int pids, Duration cpuTime, long fileSizeBytes, long tmpBytes,
        int openFiles) {

    public static final long MIB = 1024 * 1024;

    public SandboxLimits {
        if (memoryBytes < 16 * MIB || pids < 4 || fileSizeBytes <= 0 || tmpBytes <= 0 || openFiles < 16) {
            throw new IllegalArgumentException("limits too small to start anything: " + memoryBytes + " bytes, "
                    + pids + " pids, " + fileSizeBytes + " file bytes, " + tmpBytes + " tmp bytes, " + openFiles
                    + " files");
        }
        if (cpuTime != null && (cpuTime.isNegative() || cpuTime.isZero())) {
            throw new IllegalArgumentException("cpuTime must be positive");
        }
    }

    /** 256 MiB, 64 pids, CPU = wall clock, 16 MiB files, 16 MiB /tmp, 64 open files. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(256 * MIB, 64, null, 16 * MIB, 16 * MIB, 64);
    }

    /**
     * Memcheck keeps shadow memory and its own heap: about 1.3 × the native footprint plus 70 MB. An
     * address-space limit would make its mallocs fail early, which is why only the cgroup limit grows.
     */
    public SandboxLimits forValgrind() {
        return withMemoryBytes(memoryBytes + memoryBytes * 3 / 10 + 70 * MIB);
    }

    /** The CPU budget for a launch with this wall clock. */
    public Duration cpuTimeFor(Duration wallClock) {
        return cpuTime == null ? wallClock : cpuTime;
    }

    public SandboxLimits withMemoryBytes(long bytes) {
        return new SandboxLimits(bytes, pids, cpuTime, fileSizeBytes, tmpBytes, openFiles);
    }

    public SandboxLimits withPids(int count) {
        return new SandboxLimits(memoryBytes, count, cpuTime, fileSizeBytes, tmpBytes, openFiles);
    }

    public SandboxLimits withCpuTime(Duration time) {
        return new SandboxLimits(memoryBytes, pids, time, fileSizeBytes, tmpBytes, openFiles);
    }

    public SandboxLimits withFileSizeBytes(long bytes) {
        return new SandboxLimits(memoryBytes, pids, cpuTime, bytes, tmpBytes, openFiles);
    }

    public SandboxLimits withTmpBytes(long bytes) {
        return new SandboxLimits(memoryBytes, pids, cpuTime, fileSizeBytes, bytes, openFiles);
    }

    public SandboxLimits withOpenFiles(int count) {
        return new SandboxLimits(memoryBytes, pids, cpuTime, fileSizeBytes, tmpBytes, count);
    }
}
