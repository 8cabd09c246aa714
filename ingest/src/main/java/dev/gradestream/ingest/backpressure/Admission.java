package dev.gradestream.ingest.backpressure;

/**
 * Whether a new submission may be queued now. {@code lag} is -1 when unknown; {@code retryAfterSeconds}
 * and {@code unreadSeconds} (how long the lag has not been read) matter only when it may not.
 */
public record Admission(Outcome outcome, long lag, long maxLag, long retryAfterSeconds, long unreadSeconds) {

    public enum Outcome {
        OPEN,
        /** The queue is over its bound: 429. */
        THROTTLED,
        /** The queue's length cannot be read: 503. */
        UNKNOWN
    }

    public boolean open() {
        return outcome == Outcome.OPEN;
    }
}
