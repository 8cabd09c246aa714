package dev.gradestream.executor.grading;

/**
 * How a launched process ended.
 *
 * @param exitCode        the exit status; for a process killed by signal s, 128 + s (as the JVM reports it)
 * @param timedOut        the wall clock ran out and the process tree was killed
 * @param outputTruncated stdout or stderr went past the cap and the process tree was killed
 * @param stdout          what was kept of stdout, decoded as UTF-8
 * @param limit           the limit that stopped the launch, {@link LimitHit#NONE} when none did
 */
public record ProcessResult(int exitCode, boolean timedOut, boolean outputTruncated, String stdout, String stderr,
        long wallMs, LimitHit limit) {

    /** For runners that only know the clock and the output cap. */
    public ProcessResult(int exitCode, boolean timedOut, boolean outputTruncated, String stdout, String stderr,
            long wallMs) {
        this(exitCode, timedOut, outputTruncated, stdout, stderr, wallMs,
                timedOut ? LimitHit.WALL_CLOCK : outputTruncated ? LimitHit.OUTPUT : LimitHit.NONE);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && !outputTruncated;
    }
}
