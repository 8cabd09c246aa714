package dev.gradestream.bench.load;

import java.util.Locale;

/**
 * How submissions are sent: closed ({@code concurrency} in flight; the next is sent when one's stream
 * ends) or open ({@code rate} per second on a fixed schedule, whatever the service's progress).
 */
public sealed interface LoadShape {
    /** {@code N} in flight at any time. */
    record Closed(int concurrency) implements LoadShape {
        @Override
        public String label() {
            return "concurrency " + concurrency;
        }

        @Override
        public double level() {
            return concurrency;
        }
    }

    /** Submission i sent at i ÷ {@code perSecond} seconds after the start. */
    record Open(double perSecond) implements LoadShape {
        @Override
        public String label() {
            return String.format(Locale.ROOT, "rate %.3g/s", perSecond);
        }

        @Override
        public double level() {
            return perSecond;
        }
    }

    String label();

    /** The concurrency or the rate, the x of a plot. */
    double level();
}
