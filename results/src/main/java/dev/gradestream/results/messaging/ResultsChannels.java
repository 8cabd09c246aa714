package dev.gradestream.results.messaging;

/** Channel names of the read path; their topics are set in application.properties. */
public final class ResultsChannels {
    /** Every stage event of every submission from the {@code results} topic, tailed from its end. */
    public static final String RESULTS_IN = "results-in";
    /** The final verdicts, from the compacted {@code verdicts} topic, read whole at every boot. */
    public static final String VERDICTS_IN = "verdicts-in";
    /** Regrade requests and how their selection ended, from the compacted {@code regrades} topic, read whole at boot. */
    public static final String REGRADES_IN = "regrades-in";
    /** What regrades republished, from {@code submissions.regrade}: only the headers are read. */
    public static final String REGRADE_QUEUE_IN = "regrade-queue-in";
    /** The name of the rebalance listener that tells when the results tail is in place. */
    public static final String RESULTS_TAIL_LISTENER = "results-tail";

    private ResultsChannels() {
    }
}
