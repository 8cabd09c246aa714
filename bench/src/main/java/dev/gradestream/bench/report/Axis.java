package dev.gradestream.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A chart axis: its range and round ticks, linear (1, 2 or 5 × 10^k steps) or log-10 (1-2-5 per decade). */
record Axis(double min, double max, boolean log, List<Double> fixedTicks) {

    /** An axis over exactly these ticks (e.g. the concurrency levels measured), a little wider when only one. */
    static Axis over(List<Double> ticks, boolean log) {
        double min = ticks.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = ticks.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (max <= min) {
            min = log ? min / 2 : min - 1;
            max = log ? max * 2 : max + 1;
        }
        return new Axis(min, max, log, List.copyOf(ticks));
    }

    static Axis of(List<Double> values, boolean log) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (log) {
            return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true, null);
        }
        if (max <= min) {
            max = min + 1;
        }
        double step = step(min, max);
        return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, false, null);
    }

    /** The same axis starting at 0, with its ticks made again (a throughput or a fraction reads best from 0). */
    Axis fromZero() {
        return log || min <= 0 || fixedTicks != null ? this : of(List.of(0.0, max), false);
    }

    double fraction(double value) {
        return log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
    }

    List<Double> ticks() {
        if (fixedTicks != null) {
            return fixedTicks;
        }
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double decade = min; decade < max * 1.001; decade *= 10) {
                for (double m : new double[] {1, 2, 5}) {
                    if (decade * m <= max * 1.001) {
                        ticks.add(decade * m);
                    }
                }
            }
            return ticks;
        }
        // k × mantissa ÷ 10^n rather than k × step, so that 3 × 0.2 comes out as 0.6, not 0.6000000000000001.
        double step = step(min, max);
        int exponent = (int) Math.floor(Math.log10(step) + 1e-9);
        long mantissa = Math.round(step / Math.pow(10, exponent));
        for (long k = (long) Math.ceil(min / step - 1e-9); k <= (long) Math.floor(max / step + 1e-9); k++) {
            ticks.add(exponent < 0 ? k * mantissa / Math.pow(10, -exponent) : k * mantissa * Math.pow(10, exponent));
        }
        return ticks;
    }

    /** A round step giving 4 to 10 ticks. */
    private static double step(double min, double max) {
        double raw = (max - min) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double[] nice = {1, 2, 5, 10};
        for (double m : nice) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
