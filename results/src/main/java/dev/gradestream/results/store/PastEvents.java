package dev.gradestream.results.store;

import java.util.List;
import java.util.Optional;

/** Where the store finds what it did not see live: the topics, which are the source of truth. */
public interface PastEvents {
    /** The stage events of a submission written from about {@code sinceMillis} on, in the order written. */
    List<StoredEvent> eventsSince(String submissionId, long sinceMillis);

    /** Whether the submission was accepted (it is on the submissions topic) though not graded yet. */
    boolean wasSubmitted(String submissionId, long idMillis);

    /** The attempt of the submission's final verdict, when there is one: its events are the ones to show. */
    Optional<String> finalAttemptOf(String submissionId);
}
