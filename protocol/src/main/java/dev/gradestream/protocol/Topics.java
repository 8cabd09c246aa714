package dev.gradestream.protocol;

import java.util.List;

/**
 * The topics of DESIGN §2 under their default names. Services read the actual names from their
 * configuration ({@code mp.messaging.*.topic}); these defaults are what the configuration and the
 * embedded broker's topic creation use.
 */
public final class Topics {
    public static final String SUBMISSIONS = "submissions";
    public static final String SUBMISSIONS_REGRADE = "submissions.regrade";
    public static final String RESULTS = "results";
    public static final String VERDICTS = "verdicts";
    public static final String SUBMISSIONS_DLQ = "submissions.dlq";
    /** Regrade requests and how their selection ended, compacted by regrade id. */
    public static final String REGRADES = "regrades";

    public static final List<String> ALL = List.of(SUBMISSIONS, SUBMISSIONS_REGRADE, RESULTS, VERDICTS, SUBMISSIONS_DLQ, REGRADES);

    private Topics() {
    }
}
