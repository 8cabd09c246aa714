package dev.gradestream.results.store;

import dev.gradestream.protocol.Ids;
import dev.gradestream.results.config.ResultsConfig;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-submission timelines: a bounded, in-memory view of {@code results}, which stays the source of
 * truth. The live tail feeds every event written since boot; a submission this instance did not see
 * whole (it started before boot, on another instance, or was evicted) is completed from the topic's
 * past the first time someone asks for it.
 */
@ApplicationScoped
public class SubmissionEventStore {
    /** In least-recently-used order; guards {@link #cachedBytes} too. */
    private final Map<String, SubmissionTimeline> timelines = new LinkedHashMap<>(1024, 0.75f, true);
    private final PastEvents past;
    private final int maxTimelines;
    private final long maxBytes;
    private final Duration abandonedAfter;
    private long cachedBytes;

    SubmissionEventStore(ResultsConfig config, PastEvents past) {
        this.past = past;
        this.maxTimelines = config.maxCachedSubmissions();
        this.maxBytes = config.maxCachedEventBytes().asLongValue();
        this.abandonedAfter = config.abandonedAfter();
    }

    /** An event from the live tail or from a read of the past. */
    public void append(StoredEvent event) {
        String submissionId = event.submissionId();
        append(submissionId, timeline(submissionId), event);
    }

    /** About how many bytes of heap the cached events hold (what {@code max-cached-event-bytes} bounds). */
    long cachedBytes() {
        synchronized (timelines) {
            return cachedBytes;
        }
    }

    private void append(String submissionId, SubmissionTimeline timeline, StoredEvent event) {
        long grown = timeline.append(event); // not under the map's lock: it hands the event to every reader
        if (grown == 0) {
            return;
        }
        synchronized (timelines) {
            if (timelines.get(submissionId) != timeline) {
                return; // dropped meanwhile, and its bytes left the count with it
            }
            cachedBytes += grown;
            trim();
        }
    }

    /**
     * Drops least recently used timelines while the cache holds too many or too heavy ones, skipping
     * those still running (their readers need them whole); a dropped one is read back when asked for.
     */
    private void trim() {
        Iterator<SubmissionTimeline> oldestFirst = timelines.values().iterator();
        while ((timelines.size() > maxTimelines || cachedBytes > maxBytes) && oldestFirst.hasNext()) {
            SubmissionTimeline timeline = oldestFirst.next();
            if (timeline.evictable(abandonedAfter)) {
                cachedBytes -= timeline.weight();
                oldestFirst.remove();
            }
        }
    }

    /**
     * Makes an accepted submission known before its first event, so that a reader who asks right
     * after {@code POST} waits for it instead of getting 404; the view follows it from its first event.
     */
    public SubmissionView expect(String submissionId) {
        SubmissionTimeline timeline = timeline(submissionId);
        timeline.accept();
        return new SubmissionView(timeline);
    }

    /**
     * The submission, reading its past from the topics if this instance has not seen it whole; empty when
     * it is unknown (never accepted anywhere). The view holds every event written so far. Blocks for that
     * read, so call it off the event loop.
     */
    public Optional<SubmissionView> find(String submissionId) {
        SubmissionTimeline timeline = timeline(submissionId);
        timeline.completeFromPast(incomplete -> readPast(submissionId, incomplete));
        if (timeline.known()) {
            return Optional.of(new SubmissionView(timeline));
        }
        synchronized (timelines) {
            if (timelines.remove(submissionId, timeline)) { // never seen anywhere: don't let unknown ids fill the cache
                cachedBytes -= timeline.weight();
            }
        }
        return Optional.empty();
    }

    private void readPast(String submissionId, SubmissionTimeline timeline) {
        OptionalLong idMillis = Ids.epochMillisOf(submissionId);
        // The attempt to look for: the one with a gap, else the final verdict's, else the first one.
        OptionalLong since = timeline.attempt()
                .or(() -> past.finalAttemptOf(submissionId))
                .map(Ids::epochMillisOf)
                .filter(OptionalLong::isPresent)
                .orElse(idMillis);
        if (since.isEmpty()) {
            return; // not a UUIDv7: no time to look from, only what was seen live counts
        }
        past.eventsSince(submissionId, since.getAsLong()).forEach(event -> append(submissionId, timeline, event));
        if (!timeline.known() && idMillis.isPresent() && past.wasSubmitted(submissionId, idMillis.getAsLong())) {
            timeline.accept();
        }
    }

    private SubmissionTimeline timeline(String submissionId) {
        synchronized (timelines) {
            SubmissionTimeline timeline = timelines.get(submissionId);
            if (timeline == null) {
                timeline = new SubmissionTimeline();
                timelines.put(submissionId, timeline);
                trim(); // a new one is the most recent and not evictable yet, so it stays
            }
            return timeline;
        }
    }
}
