package dev.gradestream.ingest.backpressure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Records consumed per second over a sliding window of readings. Consumers commit in bursts (every few
 * seconds, or after each multi-second job), so the rate between two readings a second apart says little.
 */
final class DrainRate {
    private final Duration window;
    private final Deque<LagSnapshot> readings = new ArrayDeque<>();

    DrainRate(Duration window) {
        this.window = window;
    }

    void add(LagSnapshot reading) {
        if (!readings.isEmpty() && reading.consumed() < readings.peekLast().consumed()) {
            readings.clear(); // offsets went back (topic recreated, group reset): the old ones measure nothing
        }
        readings.addLast(reading);
        Instant cutoff = reading.at().minus(window);
        // Keep one reading at or before the cutoff, so the rate spans the whole window once it can.
        while (readings.size() > 2 && !secondOldest().at().isAfter(cutoff)) {
            readings.removeFirst();
        }
    }

    /** 0 until two readings are apart in time, or when nothing was consumed in the window. */
    double perSecond() {
        if (readings.size() < 2) {
            return 0;
        }
        LagSnapshot first = readings.peekFirst();
        LagSnapshot last = readings.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        return seconds <= 0 ? 0 : (last.consumed() - first.consumed()) / seconds;
    }

    private LagSnapshot secondOldest() {
        return readings.stream().skip(1).findFirst().orElseThrow();
    }
}
