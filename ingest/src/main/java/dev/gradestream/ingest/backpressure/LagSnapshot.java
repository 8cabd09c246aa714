package dev.gradestream.ingest.backpressure;

import java.time.Instant;

/**
 * One reading of a consumer group on a topic: {@code lag} records are waiting (end offset minus the
 * group's committed offset, summed over partitions), {@code consumed} is the sum of the committed
 * offsets themselves, whose growth over time is the drain rate.
 */
public record LagSnapshot(long lag, long consumed, Instant at) {
}
