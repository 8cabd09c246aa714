package dev.gradestream.ingest.messaging;

/** Channel names of the write path; their topics are set in application.properties. */
public final class IngestChannels {
    /** Accepted submissions, to the {@code submissions} topic. */
    public static final String SUBMISSIONS_OUT = "submissions-out";

    private IngestChannels() {
    }
}
