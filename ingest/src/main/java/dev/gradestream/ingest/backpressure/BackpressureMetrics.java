package dev.gradestream.ingest.backpressure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code gradestream_consumer_lag_records{lane}} and {@code gradestream_ingest_throttled} on /q/metrics. */
@ApplicationScoped
class BackpressureMetrics {
    /** The lane whose lag the gate watches: {@code submissions}, graded while someone waits. */
    static final String INTERACTIVE = "interactive";

    void register(@Observes StartupEvent event, MeterRegistry registry, AdmissionGate gate) {
        // Strong references: the gate is a client proxy that nothing else would keep from the collector.
        Gauge.builder("gradestream.consumer.lag.records", gate, g -> {
            var lag = g.lag();
            return lag.isPresent() ? lag.getAsLong() : Double.NaN;
        }).description("Records waiting for the executors; NaN while it cannot be read")
                .tag("lane", INTERACTIVE).strongReference(true).register(registry);
        Gauge.builder("gradestream.ingest.throttled", gate, g -> g.refusing() ? 1 : 0)
                .description("1 while new submissions are refused (429 over the lag bound, 503 when the lag is unknown)")
                .strongReference(true).register(registry);
    }
}
