package dev.gradestream.executor.sandbox;

/**
 * Why a sandboxed launch ended. Every limit verdict comes from a kernel counter or from the launch's own
 * watchdog, never from the exit code alone: a program may well {@code exit(137)}.
 */
public enum SandboxVerdict {
    /** The command ended by itself within every limit (it may still have failed or crashed). */
    OK,
    /** The memory cgroup's OOM killer fired ({@code oom_kill} in memory.oom_control / memory.events). */
    MEMORY_LIMIT,
    /** A fork or clone was refused by the pids cgroup ({@code max} in pids.events). */
    PIDS_LIMIT,
    /** The cgroup's total CPU time (all processes together) reached the limit. */
    CPU_LIMIT,
    /** The wall clock ran out. */
    WALL_TIMEOUT,
    /** stdout or stderr went past the cap. */
    OUTPUT_LIMIT,
    /**
     * The command was killed by SIGXFSZ: it wrote past RLIMIT_FSIZE. The kernel keeps no counter for this,
     * so it is read from the wait status reported by the sandbox's own init (which the job cannot forge;
     * a program raising SIGXFSZ on itself only misreports itself). Also: the tree was killed because the
     * job directory's file system fell below the configured free space (many files, each under the limit).
     */
    FILE_SIZE_LIMIT,
    /** The sandbox could not run the command (bad setup, or the command does not exist): see the message. */
    SANDBOX_ERROR;

    /** Whether a resource limit of the sandbox ended the launch. */
    public boolean isLimit() {
        return this != OK && this != SANDBOX_ERROR;
    }
}
