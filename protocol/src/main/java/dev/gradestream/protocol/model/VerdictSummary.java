package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a regrade compares of two verdicts: the status, the failed tests and the leaked bytes.
 *
 * @param leakedBytes definitely plus indirectly lost bytes as Valgrind counted them; absent when Valgrind
 *                    did not run (switched off, or the program never got that far)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerdictSummary(String attempt, VerdictStatus status, List<Integer> failedTests, Long leakedBytes) {

    public VerdictSummary {
        failedTests = failedTests == null ? List.of() : List.copyOf(failedTests);
    }

    public static VerdictSummary of(Verdict verdict) {
        ValgrindReport valgrind = verdict.valgrindReport();
        Long leaked = valgrind == null || !valgrind.ran() ? null
                : valgrind.leaks().definitelyLost().bytes() + valgrind.leaks().indirectlyLost().bytes();
        return new VerdictSummary(verdict.attempt(), verdict.status(), verdict.failedTests(), leaked);
    }

    /** Whether the two say the same about the code: attempts differ by nature and do not count. */
    public boolean sameOutcomeAs(VerdictSummary other) {
        return other != null && status == other.status && failedTests.equals(other.failedTests)
                && Objects.equals(leakedBytes, other.leakedBytes);
    }
}
