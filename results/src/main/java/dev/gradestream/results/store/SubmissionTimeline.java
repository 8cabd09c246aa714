package dev.gradestream.results.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The events of one submission's latest attempt, and the readers following it live. Events come from
 * the live tail and from reads of the topic's past, in any order and possibly twice; an attempt's seqs
 * run 1, 2, 3… without holes, so readers get exactly the run from seq 1 that has no gap, each event once,
 * and the rest is held until the gap is filled.
 */
final class SubmissionTimeline {
    private final List<StoredEvent> events = new ArrayList<>();
    private final TreeMap<Integer, StoredEvent> afterGap = new TreeMap<>();
    private final Set<MultiEmitter<? super StoredEvent>> followers = new CopyOnWriteArraySet<>();
    /** Held while the past is read, so that two readers of a cold submission read it once. */
    private final ReentrantLock historyLock = new ReentrantLock();
    private String attempt;
    private boolean accepted;
    private String historyReadFor;
    private volatile long lastChangeNanos = System.nanoTime();
    /** The {@link StoredEvent#weight()} of the events held, shown or waiting beyond a gap. */
    private long weight;

    /** Takes in an event; answers how much heavier (or, when a newer attempt replaced an older, lighter) it made the timeline. */
    synchronized long append(StoredEvent event) {
        long before = weight;
        appendEvent(event);
        return weight - before;
    }

    synchronized long weight() {
        return weight;
    }

    private void appendEvent(StoredEvent event) {
        if (!event.attempt().equals(attempt)) {
            if (attempt != null && event.attempt().compareTo(attempt) < 0) {
                return; // a late record of an older attempt: readers show the latest one
            }
            String previous = attempt;
            boolean shown = !events.isEmpty();
            attempt = event.attempt();
            events.clear();
            afterGap.clear();
            weight = 0;
            if (shown) {
                // Readers in the middle of the old attempt are told, rather than seeing two attempts mixed.
                followers.forEach(follower -> follower.emit(supersededNotice(event, previous)));
            }
        }
        if (event.seq() <= lastShownSeq() || afterGap.containsKey(event.seq())) {
            return; // a copy: redelivered (at least once), or read both live and from the past
        }
        lastChangeNanos = System.nanoTime();
        weight += event.weight();
        if (event.seq() != lastShownSeq() + 1) {
            afterGap.put(event.seq(), event);
            return;
        }
        show(event);
        while (!afterGap.isEmpty() && afterGap.firstKey() == lastShownSeq() + 1) {
            show(afterGap.pollFirstEntry().getValue());
        }
    }

    /**
     * Replays the events after {@code after} (all of them when it is empty or names another attempt:
     * a client that saw an older attempt gets the latest one whole), then follows live.
     */
    synchronized void follow(MultiEmitter<? super StoredEvent> follower, Optional<StreamPosition> after) {
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

    /** The submission was accepted (by this instance, or it is on the submissions topic): events will come live. */
    synchronized void accept() {
        accepted = true;
    }

    /**
     * Completes the stream from the topic's past when it may lack its start (nothing is known, or there
     * is a gap): {@code read} appends what it finds. Each attempt's past is read once — concurrent callers
     * wait for that one read — and a gap that remains is then waited out live. Not under the monitor, so
     * the live tail keeps appending while the read runs.
     */
    void completeFromPast(Consumer<SubmissionTimeline> read) {
        if (!needsHistory()) {
            return;
        }
        historyLock.lock();
        try {
            if (needsHistory()) {
                read.accept(this);
                markHistoryRead();
            }
        } finally {
            historyLock.unlock();
        }
    }

    /** The attempt shown, once any event is known: the one whose past to read. */
    synchronized Optional<String> attempt() {
        return Optional.ofNullable(attempt);
    }

    synchronized boolean known() {
        return accepted || attempt != null;
    }

    /**
     * Whether the store may drop this timeline: it ended, or nothing happened for longer than any
     * submission can take (its executor is gone); readers still attached to it are then let go.
     */
    synchronized boolean evictable(Duration abandonedAfter) {
        return latest().filter(event -> event.type().isTerminal()).isPresent()
                || System.nanoTime() - lastChangeNanos > abandonedAfter.toNanos();
    }

    synchronized boolean isFinished() {
        return !events.isEmpty() && last().type().isTerminal();
    }

    /** The furthest event known, even beyond a gap: what GET shows as the current stage. */
    synchronized Optional<StoredEvent> latest() {
        if (!afterGap.isEmpty()) {
            return Optional.of(afterGap.lastEntry().getValue());
        }
        return events.isEmpty() ? Optional.empty() : Optional.of(last());
    }

    private synchronized boolean needsHistory() {
        boolean whole = afterGap.isEmpty() && (!events.isEmpty() || accepted);
        return !whole && !historyKey().equals(historyReadFor);
    }

    private synchronized void markHistoryRead() {
        historyReadFor = historyKey();
    }

    private void show(StoredEvent event) {
        events.add(event);
        for (MultiEmitter<? super StoredEvent> follower : followers) {
            follower.emit(event);
            if (event.type().isTerminal()) {
                follower.complete();
            }
        }
        if (event.type().isTerminal()) {
            followers.clear();
        }
    }

    private String historyKey() {
        return attempt == null ? "" : attempt;
    }

    private int lastShownSeq() {
        return events.isEmpty() ? 0 : last().seq();
    }

    private static StoredEvent supersededNotice(StoredEvent firstOfNewAttempt, String previousAttempt) {
        return StoredEvent.of(new StageEvent(firstOfNewAttempt.submissionId(), firstOfNewAttempt.attempt(), 0,
                EventType.SUPERSEDED, Instant.now(),
                JsonNodeFactory.instance.objectNode().put("previousAttempt", previousAttempt)));
    }

    private StoredEvent last() {
        return events.get(events.size() - 1);
    }
}
