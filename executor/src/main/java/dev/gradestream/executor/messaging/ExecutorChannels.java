package dev.gradestream.executor.messaging;

/** Channel names of the executor; their topics are set in application.properties. */
public final class ExecutorChannels {
    /** Submissions to grade, from the {@code submissions} topic. */
    public static final String SUBMISSIONS_IN = "submissions-in";
    /** Stage events, to the {@code results} topic. */
    public static final String RESULTS_OUT = "results-out";
    /** Final verdicts, to the compacted {@code verdicts} topic (key = submission id). */
    public static final String VERDICTS_OUT = "verdicts-out";
    /** The worker pool grading runs on; its size is the number of jobs graded at once. */
    public static final String GRADING_POOL = "grading-pool";

    private ExecutorChannels() {
    }
}
