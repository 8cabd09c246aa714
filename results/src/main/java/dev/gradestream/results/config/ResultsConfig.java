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

    /** A comment line on every open SSE stream this often, so idle streams are not cut by proxies. */
    @WithDefault("15s")
    Duration sseHeartbeat();
}
