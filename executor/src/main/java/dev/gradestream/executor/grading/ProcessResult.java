package dev.gradestream.executor.grading;

/**
 * How a launched process ended.
 *
 * @param exitCode the exit status; for a process killed by signal s, 128 + s (as the JVM reports it)
 * @param stdout   what was kept of stdout, decoded as UTF-8
 * @param limit    the limit that stopped the launch, {@link LimitHit#NONE} when none did
 */
public record ProcessResult(int exitCode, String stdout, String stderr, long wallMs, LimitHit limit) {

    /** The wall clock or the CPU time ran out and the process tree was killed. */
    public boolean timedOut() {
        return limit == LimitHit.WALL_CLOCK || limit == LimitHit.CPU;
    }

    /** stdout or stderr went past the cap and the process tree was killed. */
    public boolean outputTruncated() {
        return limit == LimitHit.OUTPUT;
    }

    public boolean succeeded() {
        return exitCode == 0 && limit == LimitHit.NONE;
    }
}
