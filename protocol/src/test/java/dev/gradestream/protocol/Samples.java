package dev.gradestream.protocol;

import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.LeakTotals;
import dev.gradestream.protocol.model.Limits;
import dev.gradestream.protocol.model.StackFrame;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Timings;
import dev.gradestream.protocol.model.ValgrindError;
import dev.gradestream.protocol.model.ValgrindReport;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import java.util.List;
import java.util.Map;

/** A verdict shaped like the executor's: a passing and a crashing test, a Valgrind finding, a leak. */
public final class Samples {
    private Samples() {
    }

    public static Verdict verdict() {
        StackFrame frame = new StackFrame("add", Diagnostic.CODE, 3);
        ValgrindError error = new ValgrindError("InvalidRead", "Invalid read of size 4", 2, 4L, 1L, List.of(frame));
        LeakTotals leaks = new LeakTotals(new LeakTotals.Amount(16, 1), LeakTotals.Amount.NONE, LeakTotals.Amount.NONE,
                LeakTotals.Amount.NONE);
        return new Verdict(true, true, false, "", 0.42, 1.5, "1 invalid read; 16 bytes definitely lost",
                List.of(new Diagnostic(Diagnostic.TESTS, 2, 1, "error", "assertion failed", "test")),
                List.of(2),
                "sub-1", VerdictStatus.FAILED,
                List.of(new TestResult(1, 1, "add(1,2)==3", TestStatus.PASSED, null, 3, null, null),
                        new TestResult(2, 2, "add(2,2)==5", TestStatus.RUNTIME_ERROR, "killed", 5, "SIGSEGV", "")),
                new ValgrindReport(true, List.of(error), leaks),
                new Limits(10, 2, 256, 65536),
                new Timings(1, 420, 3, 1500, 900, 2824),
                "att-1", Map.of("course", "cs101"));
    }
}
