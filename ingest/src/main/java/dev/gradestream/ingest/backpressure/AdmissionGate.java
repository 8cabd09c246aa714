package dev.gradestream.ingest.backpressure;

import dev.gradestream.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Decides whether new submissions are queued, from the latest reading of the executors' lag on
 * {@code submissions} (fed by {@link LagMonitor}; a request never waits for Kafka). Above
 * {@code max-lag} it refuses until the lag is down to {@code resume-lag}: without that gap, a queue
 * hovering at the bound would flip between refusing and accepting on every reading. (At or below, not
 * below, so that {@code max-lag=0 resume-lag=0} means "only while nothing waits", not "never again".)
 */
@ApplicationScoped
public class AdmissionGate {
    /** Many jobs long, so the job-sized steps of the executors' commits average out. */
    static final Duration DRAIN_WINDOW = Duration.ofSeconds(30);

    private final GateLimits limits;
    private final Clock clock;
    private final DrainRate drainRate = new DrainRate(DRAIN_WINDOW);
    private LagSnapshot latest;
    /** The last successful reading, or the start: the lag may be unread for one staleness period at boot. */
    private Instant lastRead;
    private boolean throttled;

    @Inject
    AdmissionGate(IngestConfig config) {
        this(GateLimits.of(config.backpressure()), Clock.systemUTC());
    }

    AdmissionGate(GateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.lastRead = clock.instant();
    }

    synchronized void onReading(LagSnapshot reading) {
        latest = reading;
        lastRead = reading.at();
        drainRate.add(reading);
        if (reading.lag() > limits.maxLag()) {
            throttled = true;
        } else if (reading.lag() <= limits.resumeLag()) {
            throttled = false;
        }
    }

    public Admission admission() {
        return admission(clock.instant());
    }

    synchronized Admission admission(Instant now) {
        if (!fresh(now)) {
            return new Admission(Admission.Outcome.UNKNOWN, -1, limits.maxLag(), seconds(clamp(limits.staleness())),
                    Duration.between(lastRead, now).toSeconds());
        }
        long lag = latest == null ? -1 : latest.lag();
        if (!throttled) {
            return new Admission(Admission.Outcome.OPEN, lag, limits.maxLag(), 0, 0);
        }
        return new Admission(Admission.Outcome.THROTTLED, lag, limits.maxLag(), seconds(clamp(drainTime(lag))), 0);
    }

    /**
     * Records waiting for the executors on {@code submissions} (the interactive lane), as last read;
     * empty before the first reading and while readings are stale.
     */
    public OptionalLong lag() {
        return lag(clock.instant());
    }

    synchronized OptionalLong lag(Instant now) {
        return latest != null && fresh(now) ? OptionalLong.of(latest.lag()) : OptionalLong.empty();
    }

    /** Whether submissions are being refused now, over the bound or for want of a reading; no estimate made. */
    public synchronized boolean refusing() {
        return throttled || !fresh(clock.instant());
    }

    private boolean fresh(Instant now) {
        return Duration.between(lastRead, now).compareTo(limits.staleness()) <= 0;
    }

    /** How long, at the recent drain rate, until the lag is down to the resume bound; the cap when nothing drains. */
    private Duration drainTime(long lag) {
        double perSecond = drainRate.perSecond();
        long excess = lag - limits.resumeLag();
        if (perSecond <= 0) {
            return limits.retryAfterMax();
        }
        return Duration.ofMillis((long) Math.ceil(excess * 1000 / perSecond));
    }

    private Duration clamp(Duration estimate) {
        if (estimate.compareTo(limits.retryAfterMin()) < 0) {
            return limits.retryAfterMin();
        }
        return estimate.compareTo(limits.retryAfterMax()) > 0 ? limits.retryAfterMax() : estimate;
    }

    /** Retry-After is whole seconds; rounding down could send clients back before the estimate. */
    private static long seconds(Duration duration) {
        long whole = duration.toSeconds();
        return duration.minusSeconds(whole).isZero() ? whole : whole + 1;
    }
}
