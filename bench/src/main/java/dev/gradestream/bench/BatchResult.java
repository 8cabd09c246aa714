package dev.gradestream.bench;

import dev.gradestream.bench.support.Percentiles;

/**
 * A batch of submissions graded from one start: how long the whole batch took, each submission's latency
 * from the start (its POST) to its verdict, and how many came back wrong (an incomplete stream, or a
 * verdict other than the engine's own for that program).
 */
record BatchResult(int submissions, double seconds, Percentiles latencyMs, int violations, String firstViolation) {

    double perSecond() {
        return submissions / seconds;
    }
}
