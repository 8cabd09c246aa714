package dev.gradestream.results.store;

import io.smallrye.mutiny.Multi;
import java.util.Optional;

/**
 * One submission as a look-up found it. It holds the timeline itself, not its id: the store may drop the
 * timeline from its cache a moment later (it finished, and the cache is full of running ones), and a
 * reader who then followed it by id would wait on a new, empty one for events that already came.
 */
public final class SubmissionView {
    private final SubmissionTimeline timeline;

    SubmissionView(SubmissionTimeline timeline) {
        this.timeline = timeline;
    }

    /** Every event of the latest attempt after {@code after} (all when empty), then live ones, ending after the terminal one. */
    public Multi<StoredEvent> follow(Optional<StreamPosition> after) {
        return Multi.createFrom().emitter(emitter -> timeline.follow(emitter, after));
    }

    /** The terminal event ({@code completed} or {@code error}) when the submission has one. */
    public Optional<StoredEvent> completion() {
        return latest().filter(event -> event.type().isTerminal());
    }

    /** The furthest event known: the submission's current stage. */
    public Optional<StoredEvent> latest() {
        return timeline.latest();
    }
}
