package dev.gradestream.executor.grading.valgrind;

import dev.gradestream.protocol.model.LeakTotals;
import dev.gradestream.protocol.model.LeakTotals.Amount;

/**
 * Sums memcheck's leak records into totals by kind, as its LEAK SUMMARY would, over many processes.
 * memcheck's XML has no summary of its own, and a definitely-lost record's {@code leakedbytes} also
 * counts the indirectly-lost blocks hanging off it (its {@code leakedblocks} does not). Only
 * definitely-lost blocks ever own indirect ones (memcheck attributes them to the unreached block that
 * leads their clique), so a process's direct definitely-lost bytes are its definitely-lost bytes minus
 * its indirectly-lost bytes.
 */
final class LeakTally {
    private Amount definitely = Amount.NONE;
    private Amount indirectly = Amount.NONE;
    private Amount possibly = Amount.NONE;
    private Amount reachable = Amount.NONE;

    void add(ValgrindXml.Report report) {
        Amount processDefinitely = Amount.NONE;
        Amount processIndirectly = Amount.NONE;
        for (ValgrindXml.Finding finding : report.findings()) {
            Amount amount = new Amount(orZero(finding.bytes()), orZero(finding.blocks()));
            switch (finding.kind()) {
                case "Leak_DefinitelyLost" -> processDefinitely = processDefinitely.plus(amount);
                case "Leak_IndirectlyLost" -> processIndirectly = processIndirectly.plus(amount);
                case "Leak_PossiblyLost" -> possibly = possibly.plus(amount);
                case "Leak_StillReachable" -> reachable = reachable.plus(amount);
                default -> { }
            }
        }
        long direct = Math.max(0, processDefinitely.bytes() - processIndirectly.bytes());
        definitely = definitely.plus(new Amount(direct, processDefinitely.blocks()));
        indirectly = indirectly.plus(processIndirectly);
    }

    LeakTotals totals() {
        return new LeakTotals(definitely, indirectly, possibly, reachable);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
