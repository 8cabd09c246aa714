package dev.gradestream.results.regrade;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradestream.protocol.model.VerdictSummary;

/**
 * One regraded submission: its verdict when the regrade selected it and the regrade's, side by side.
 *
 * @param before  null when it had no verdict then
 * @param after   null until graded, or when the regrade's attempt ended in an error
 * @param changed whether {@code after} says something else than {@code before}; null until graded
 * @param error   why the regrade could not grade it; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegradeEntry(String submissionId, VerdictSummary before, VerdictSummary after, Boolean changed,
        String error) {
}
