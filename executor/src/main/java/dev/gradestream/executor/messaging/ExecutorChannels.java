package dev.gradestream.executor.messaging;

/**
 * Channel names of the executor; their topics are set in application.properties. Submissions are not a
 * channel: {@link GradingIntake} reads them with its own consumer (lanes, slots and commits of its own).
 */
public final class ExecutorChannels {
    /** Stage events, to the {@code results} topic. */
    public static final String RESULTS_OUT = "results-out";
    /** Final verdicts, to the compacted {@code verdicts} topic (key = submission id). */
    public static final String VERDICTS_OUT = "verdicts-out";
    /** Records that could not be graded, with why in their headers, to {@code submissions.dlq}. */
    public static final String DEAD_LETTERS_OUT = "dead-letters-out";

    private ExecutorChannels() {
    }
}
