package dev.gradestream.results.config;

import dev.gradestream.protocol.Topics;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gradestream.results")
public interface ResultsConfig {
    /**
     * False: this instance serves no reads ({@code GET /submissions/{id}} and its events answer 404) and
     * keeps no verdict index; its {@code verdicts-in} channel is off. The tail of {@code results} stays
     * while the write path is on, since {@code POST /submit} waits on it.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many submissions' event timelines stay in memory. Past it, each new timeline drops the least
     * recently used one if that one has finished or gone idle ({@link #abandonedAfter()}); a running one
     * is kept, and the cache grows until it is droppable. A dropped one is read back from the topic
     * when asked for.
     */
    @WithDefault("100000")
    int maxCachedSubmissions();

    /**
     * About how much heap the cached timelines' events may take (their JSON text and the objects around
     * it), evicted the same way as past {@link #maxCachedSubmissions()}: a burst of big outputs must not
     * run the heap out however few submissions it is.
     */
    @WithDefault("256M")
    MemorySize maxCachedEventBytes();

    /**
     * A timeline with no new event for this long may be dropped when the cache is full, finished or
     * not: no submission runs this long (its executor is gone), and an unfinished one must not pin memory.
     */
    @WithDefault("1h")
    Duration abandonedAfter();

    /** A comment line on every open SSE stream this often, so idle streams are not cut by proxies. */
    @WithDefault("15s")
    Duration sseHeartbeat();

    /** How many final verdicts stay in memory; older ones are read back from {@code verdicts} by offset. */
    @WithDefault("10000")
    int maxCachedVerdicts();

    /** About how much heap the cached verdicts' JSON may take; the least recently used go first. */
    @WithDefault("64M")
    MemorySize maxCachedVerdictBytes();

    History history();

    Regrades regrades();

    /** Regrading by replay (DESIGN §6). */
    interface Regrades {
        /**
         * Whether this instance selects and republishes regrades. Instances share the work through the
         * consumer group {@link #selectorGroup()} on {@code regrades}: each request is selected by one.
         */
        @WithDefault("true")
        boolean selector();

        @WithDefault("gradestream-regrade-selector")
        String selectorGroup();

        /** How often {@code /regrades/{id}/events} looks at the counts; a change is sent at most this often. */
        @WithDefault("250ms")
        Duration progressInterval();
    }

    /** Reading a submission's past from the topics, for one this instance did not see live. */
    interface History {
        /** How many such reads may run at once. */
        @WithDefault("4")
        int readers();

        /**
         * How far the clocks of the services that made an id, an attempt and a record's timestamp may
         * disagree: reads start this much before the id's time.
         */
        @WithDefault("1m")
        Duration clockSkew();

        /** How long after its id's (or attempt's) time a submission's events are looked for. */
        @WithDefault("1h")
        Duration window();

        /** Where a submission that was accepted but not graded yet can be found. */
        @WithDefault(Topics.SUBMISSIONS)
        String submissionsTopic();
    }
}
