package dev.gradestream.results.store;

import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.config.ResultsConfig;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-submission timelines built from the {@code results} topic, which this instance reads from the
 * start at every boot: the topic is the source of truth, this is a bounded view of it.
 */
@ApplicationScoped
public class SubmissionEventStore {
    private final Map<String, SubmissionTimeline> timelines;

    SubmissionEventStore(ResultsConfig config) {
        int capacity = config.maxCachedSubmissions();
        this.timelines = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SubmissionTimeline> eldest) {
                return size() > capacity && eldest.getValue().evictable(config.abandonedAfter());
            }
        };
    }

    public void append(StageEvent event) {
        timeline(event.submissionId()).append(event);
    }

    /**
     * Every event of the submission's latest attempt from the first, then live ones, completing after
     * the terminal event. Subscribing before the submission is even published is fine: the reader
     * simply waits for its first event.
     */
    public Multi<StageEvent> follow(String submissionId) {
        return follow(submissionId, Optional.empty());
    }

    /** The same, resuming after a position the client already has (SSE {@code Last-Event-ID}). */
    public Multi<StageEvent> follow(String submissionId, Optional<StreamPosition> after) {
        return Multi.createFrom().emitter(emitter -> timeline(submissionId).follow(emitter, after));
    }

    /**
     * Makes an accepted submission known before its first event, so that a reader who asks right
     * after {@code POST} waits for it instead of getting 404.
     */
    public void expect(String submissionId) {
        timeline(submissionId);
    }

    public boolean knows(String submissionId) {
        return existing(submissionId).isPresent();
    }

    /** The terminal event ({@code completed} or {@code error}) when the submission has one. */
    public Optional<StageEvent> completion(String submissionId) {
        return existing(submissionId).flatMap(SubmissionTimeline::completion);
    }

    public Optional<StageEvent> latest(String submissionId) {
        return existing(submissionId).flatMap(SubmissionTimeline::latest);
    }

    private Optional<SubmissionTimeline> existing(String submissionId) {
        synchronized (timelines) {
            return Optional.ofNullable(timelines.get(submissionId));
        }
    }

    private SubmissionTimeline timeline(String submissionId) {
        synchronized (timelines) {
            return timelines.computeIfAbsent(submissionId, id -> new SubmissionTimeline());
        }
    }
}
