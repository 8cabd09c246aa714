package dev.gradestream.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code gradestream_http_submissions_total{outcome}}: what became of each submission posted over HTTP:
 * {@code accepted} (on the topic), or refused as {@code invalid} (400), {@code too_large} (413),
 * {@code unsupported_media_type} (415), {@code throttled} (429) or {@code unavailable} (503). All six are
 * registered at zero at start.
 */
@Singleton
@Startup
public class IntakeMetrics {
    private static final Map<Integer, String> REJECTIONS = Map.of(400, "invalid", 413, "too_large",
            415, "unsupported_media_type", 429, "throttled", 503, "unavailable");

    private final Counter accepted;
    private final Map<Integer, Counter> rejected;

    IntakeMetrics(MeterRegistry registry) {
        this.accepted = counter(registry, "accepted");
        Map<Integer, Counter> byStatus = new HashMap<>();
        REJECTIONS.forEach((status, outcome) -> byStatus.put(status, counter(registry, outcome)));
        this.rejected = Map.copyOf(byStatus);
    }

    /** The submission is on the {@code submissions} topic. */
    public void accepted() {
        accepted.increment();
    }

    /** A submission endpoint answered this status; counted when it is one of the refusals above. */
    public void answered(int status) {
        Counter counter = rejected.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("gradestream.http.submissions").tag("outcome", outcome)
                .description("Submissions posted over HTTP, by outcome").register(registry);
    }
}
