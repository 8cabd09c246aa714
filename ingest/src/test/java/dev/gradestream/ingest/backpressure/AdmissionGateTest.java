package dev.gradestream.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradestream.ingest.backpressure.Admission.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Refuse above 100, accept again at 75 or below, 503 after 10 s unread, Retry-After within 1..60 s. */
    private static final GateLimits LIMITS = new GateLimits(100, 75, Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(60));

    private final AdmissionGate gate = new AdmissionGate(LIMITS, Clock.fixed(T0, ZoneOffset.UTC));

    private void read(long lag, long consumed, int atSecond) {
        gate.onReading(new LagSnapshot(lag, consumed, T0.plusSeconds(atSecond)));
    }

    private Admission at(int second) {
        return gate.admission(T0.plusSeconds(second));
    }

    @Test
    void refusesAboveTheBoundAndAcceptsOnlyOnceBelowTheResumeBound() {
        read(100, 0, 1);
        assertThat(at(1)).isEqualTo(new Admission(Outcome.OPEN, 100, 100, 0, 0));
        read(101, 0, 2);
        assertThat(at(2).outcome()).isEqualTo(Outcome.THROTTLED);
        read(80, 21, 3);
        assertThat(at(3).outcome()).as("between the bounds: still refusing").isEqualTo(Outcome.THROTTLED);
        read(76, 25, 4);
        assertThat(at(4).outcome()).as("one above the resume bound: still refusing").isEqualTo(Outcome.THROTTLED);
        read(75, 26, 5);
        assertThat(at(5)).isEqualTo(new Admission(Outcome.OPEN, 75, 100, 0, 0));
        read(100, 27, 6);
        assertThat(at(6).outcome()).as("between the bounds, coming from below: accepting").isEqualTo(Outcome.OPEN);
    }

    @Test
    void retryAfterIsTheTimeToDrainBelowTheResumeBoundAtTheRecentRate() {
        read(200, 1000, 0);
        read(180, 1040, 10); // 4 records a second
        // 180 - 75 = 105 records to go at 4/s: 26.25 s, rounded up.
        assertThat(at(10)).isEqualTo(new Admission(Outcome.THROTTLED, 180, 100, 27, 0));
    }

    @Test
    void retryAfterKeepsToItsFloorAndCap() {
        read(101, 1000, 0);
        read(101, 1000, 1);
        assertThat(at(1).retryAfterSeconds()).as("nothing drains: the cap").isEqualTo(60);
        read(101, 1100, 2); // 50 records a second over the window
        assertThat(at(2).retryAfterSeconds()).as("26 records at 50/s: the floor").isEqualTo(1);
        read(5000, 1101, 3); // 101 records in 3 s
        assertThat(at(3).retryAfterSeconds()).as("4925 records at 33.7/s: the cap").isEqualTo(60);
    }

    @Test
    void theDrainRateLooksBackOverItsWindowOnly() {
        read(500, 0, 0);
        read(500, 3000, 1); // a burst long ago
        read(500, 3000, 1 + (int) AdmissionGate.DRAIN_WINDOW.toSeconds());
        read(300, 3200, 2 + (int) AdmissionGate.DRAIN_WINDOW.toSeconds());
        // From the last reading at or before 32 - 30 s (second 1, after the burst): 200 records in 31 s;
        // 300 - 75 = 225 records to go at 6.45/s: 34.9 s, rounded up. With the burst it would be 2 s.
        assertThat(at(32).retryAfterSeconds()).isEqualTo(35);
    }

    @Test
    void anUnreadLagRefusesWith503OnceStale() {
        read(10, 0, 0);
        assertThat(at(10).outcome()).as("10 s unread: not stale yet").isEqualTo(Outcome.OPEN);
        assertThat(gate.lag(T0.plusSeconds(10))).hasValue(10);
        assertThat(at(11)).isEqualTo(new Admission(Outcome.UNKNOWN, -1, 100, 10, 11));
        assertThat(gate.lag(T0.plusSeconds(11))).isEmpty();
        read(10, 0, 12);
        assertThat(at(12).outcome()).isEqualTo(Outcome.OPEN);
    }

    @Test
    void atBootTheLagMayBeUnreadForOneStalenessPeriod() {
        assertThat(gate.admission(T0.plusSeconds(10))).isEqualTo(new Admission(Outcome.OPEN, -1, 100, 0, 0));
        assertThat(gate.lag(T0)).isEqualTo(OptionalLong.empty());
        assertThat(gate.admission(T0.plusSeconds(11)).outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void zeroAndZeroRefuseWhileAnythingWaitsAndAcceptOnceNothingDoes() {
        AdmissionGate strict = new AdmissionGate(new GateLimits(0, 0, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60)), Clock.fixed(T0, ZoneOffset.UTC));
        strict.onReading(new LagSnapshot(1, 0, T0));
        assertThat(strict.admission(T0).outcome()).isEqualTo(Outcome.THROTTLED);
        strict.onReading(new LagSnapshot(0, 1, T0.plusSeconds(1)));
        assertThat(strict.admission(T0.plusSeconds(1)).outcome()).isEqualTo(Outcome.OPEN);
    }

    @Test
    void aResumeBoundAboveTheRefuseBoundIsAConfigurationError() {
        assertThatThrownBy(() -> new GateLimits(100, 101, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60)))
                .hasMessage("gradestream.ingest.resume-lag (101) must be between 0 and gradestream.ingest.max-lag (100)");
    }
}
