package dev.gradestream.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gradestream.results")
public interface ResultsConfig {
    /**
     * How many submissions' event timelines stay in memory; the least recently used finished ones
     * are dropped first.
     */
    @WithDefault("100000")
    int maxCachedSubmissions();

    /**
     * A timeline with no new event for this long is dropped first when the cache is full, finished or
     * not: no submission runs this long (its executor is gone), and an unfinished one must not pin memory.
     */
    @WithDefault("1h")
    Duration abandonedAfter();

    /** A comment line on every open SSE stream this often, so idle streams are not cut by proxies. */
    @WithDefault("15s")
    Duration sseHeartbeat();
}
