package dev.gradestream.protocol.model;

/** Leak totals by memcheck's kinds, summed over every process of the run. */
public record LeakTotals(Amount definitelyLost, Amount indirectlyLost, Amount possiblyLost, Amount stillReachable) {

    public static final LeakTotals NONE = new LeakTotals(Amount.NONE, Amount.NONE, Amount.NONE, Amount.NONE);

    public record Amount(long bytes, long blocks) {
        public static final Amount NONE = new Amount(0, 0);

        public Amount plus(Amount other) {
            return new Amount(bytes + other.bytes, blocks + other.blocks);
        }
    }
}
