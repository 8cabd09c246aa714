package dev.gradestream.results.messaging;

/** Channel names of the read path; their topics are set in application.properties. */
public final class ResultsChannels {
    /** Every stage event of every submission, from the {@code results} topic. */
    public static final String RESULTS_IN = "results-in";

    private ResultsChannels() {
    }
}
