package dev.gradestream.bench.support;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of samples (milliseconds, or whatever unit they were given in). */
public final class Percentiles {
    private final double[] sorted;

    private Percentiles(double[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    public static Percentiles of(double[] samples) {
        return new Percentiles(samples);
    }

    public static Percentiles of(Collection<? extends Number> samples) {
        return new Percentiles(samples.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest sample that at least {@code percent} % of the samples do not exceed; NaN when empty. */
    public double at(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double p50() {
        return at(50);
    }

    public double p95() {
        return at(95);
    }

    public double p99() {
        return at(99);
    }

    /** The samples, smallest first. */
    public double[] sorted() {
        return sorted.clone();
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
