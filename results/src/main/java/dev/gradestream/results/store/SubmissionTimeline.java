package dev.gradestream.results.store;

import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The events of one submission's latest attempt, and the readers following it live. A reader gets the
 * events so far, then each new one, then completion after {@code completed} or {@code error}.
 */
final class SubmissionTimeline {
    private final List<StageEvent> events = new ArrayList<>();
    private final Set<MultiEmitter<? super StageEvent>> followers = new CopyOnWriteArraySet<>();
    private String attempt;
    private volatile long lastChangeNanos = System.nanoTime();

    synchronized void append(StageEvent event) {
        if (!event.attempt().equals(attempt)) {
            if (attempt != null && event.attempt().compareTo(attempt) < 0) {
                return; // a late record of an older attempt: readers show the latest one
            }
            String previous = attempt;
            attempt = event.attempt();
            events.clear();
            if (previous != null) {
                // Readers in the middle of the old attempt are told, rather than seeing two attempts mixed.
                followers.forEach(follower -> follower.emit(supersededNotice(event, previous)));
            }
        } else if (!events.isEmpty() && event.seq() <= last().seq()) {
            return; // redelivered copy (at-least-once)
        }
        events.add(event);
        lastChangeNanos = System.nanoTime();
        for (MultiEmitter<? super StageEvent> follower : followers) {
            follower.emit(event);
            if (event.type().isTerminal()) {
                follower.complete();
            }
        }
        if (event.type().isTerminal()) {
            followers.clear();
        }
    }

    /**
     * Replays the events after {@code after} (all of them when it is empty or names another attempt:
     * a client that saw an older attempt gets the latest one whole), then follows live.
     */
    synchronized void follow(MultiEmitter<? super StageEvent> follower, Optional<StreamPosition> after) {
        int skip = after.filter(position -> position.attempt().equals(attempt)).map(StreamPosition::seq).orElse(0);
        Optional<String> olderAttemptSeen = after.map(StreamPosition::attempt)
                .filter(seen -> attempt != null && seen.compareTo(attempt) < 0);
        if (olderAttemptSeen.isPresent() && !events.isEmpty()) {
            follower.emit(supersededNotice(events.get(0), olderAttemptSeen.get()));
        }
        events.stream().filter(event -> event.seq() > skip).forEach(follower::emit);
        if (isFinished()) {
            follower.complete();
            return;
        }
        followers.add(follower);
        follower.onTermination(() -> followers.remove(follower));
    }

    /**
     * Whether the store may drop this timeline: it ended, or nothing happened for longer than any
     * submission can take (its executor is gone); readers still attached to it are then let go.
     */
    synchronized boolean evictable(java.time.Duration abandonedAfter) {
        return isFinished() || System.nanoTime() - lastChangeNanos > abandonedAfter.toNanos();
    }

    synchronized boolean isFinished() {
        return !events.isEmpty() && last().type().isTerminal();
    }

    synchronized Optional<StageEvent> latest() {
        return events.isEmpty() ? Optional.empty() : Optional.of(last());
    }

    synchronized Optional<StageEvent> completion() {
        return latest().filter(event -> event.type() == EventType.COMPLETED || event.type() == EventType.ERROR);
    }

    private static StageEvent supersededNotice(StageEvent firstOfNewAttempt, String previousAttempt) {
        return new StageEvent(firstOfNewAttempt.submissionId(), firstOfNewAttempt.attempt(), 0, EventType.SUPERSEDED,
                Instant.now(), JsonNodeFactory.instance.objectNode().put("previousAttempt", previousAttempt));
    }

    private StageEvent last() {
        return events.get(events.size() - 1);
    }
}
