package dev.gradestream.ingest.backpressure;

import dev.gradestream.ingest.config.IngestConfig;
import java.time.Duration;

/** The gate's bounds, checked once: a resume bound above the refuse bound would never let the gate open. */
public record GateLimits(long maxLag, long resumeLag, Duration staleness, Duration retryAfterMin,
        Duration retryAfterMax) {

    public GateLimits {
        if (maxLag < 0 || resumeLag < 0 || resumeLag > maxLag) {
            throw new IllegalArgumentException("gradestream.ingest.resume-lag (" + resumeLag
                    + ") must be between 0 and gradestream.ingest.max-lag (" + maxLag + ")");
        }
        if (retryAfterMin.compareTo(retryAfterMax) > 0) {
            throw new IllegalArgumentException("gradestream.ingest.retry-after-min (" + retryAfterMin
                    + ") must not be above gradestream.ingest.retry-after-max (" + retryAfterMax + ")");
        }
    }

    public static GateLimits of(IngestConfig.Backpressure config) {
        long max = config.maxLag();
        return new GateLimits(max, config.resumeLag().orElse(max * 3 / 4), config.lagStaleness(),
                config.retryAfterMin(), config.retryAfterMax());
    }
}
