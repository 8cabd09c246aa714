package dev.gradestream.executor.grading;

/**
 * Which limit stopped a launch, as the kernel's counters tell it (never guessed from an exit code: a
 * program can {@code exit(137)}). A plain local runner can only ever report the clock and the output cap.
 */
public enum LimitHit {
    NONE,
    /** The memory cgroup's OOM killer fired. */
    MEMORY,
    /** The pids cgroup refused a fork. */
    PIDS,
    /** The launch used up its CPU time (all processes together). */
    CPU,
    WALL_CLOCK,
    OUTPUT,
    /** A file grew past the file size limit, or the job's files filled the disk floor. */
    FILE_SIZE
}
