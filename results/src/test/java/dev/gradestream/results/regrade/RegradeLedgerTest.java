package dev.gradestream.results.regrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.model.RangeBound;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.model.VerdictStatus;
import dev.gradestream.protocol.model.VerdictSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegradeLedgerTest {
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");
    private static final Regrade REQUEST = new Regrade("r1", RangeBound.at(AT.minusSeconds(60)), RangeBound.at(AT),
            Map.of(), null, null, null, null, "why", false, false, AT, null);

    private final RegradeLedger ledger = new RegradeLedger();

    @Test
    void itIsSelectingUntilTheSelectionIsRecordedThenGradingThenDone() {
        ledger.request(REQUEST);
        ledger.selected("a", summary("0a", VerdictStatus.FAILED, 2));
        assertThat(ledger.state()).isEqualTo(RegradeState.SELECTING);
        assertThat(ledger.counts()).isEqualTo(new RegradeCounts(1, 0, 0, 0, 0, 1));

        ledger.request(REQUEST.withSelection(new Regrade.Selection(2, null, AT)));
        ledger.request(REQUEST); // the earlier record, read again: must not undo the selection
        assertThat(ledger.state()).isEqualTo(RegradeState.GRADING);
        assertThat(ledger.counts()).as("the second selected one has not reached this instance yet")
                .isEqualTo(new RegradeCounts(2, 0, 0, 0, 0, 2));

        ledger.graded("a", "1a", summary("1a", VerdictStatus.PASSED));
        ledger.selected("b", summary("0b", VerdictStatus.PASSED));
        ledger.failed("b", "1b", "Not graded: tests: line 1 is not an assert");
        assertThat(ledger.state()).isEqualTo(RegradeState.DONE);
        assertThat(ledger.counts()).isEqualTo(new RegradeCounts(2, 1, 1, 0, 1, 0));
    }

    @Test
    void anOutcomeBeforeItsSelectionIsKeptAndALaterAttemptWinsSoEachSubmissionCountsOnce() {
        ledger.request(REQUEST.withSelection(new Regrade.Selection(1, null, AT)));
        ledger.graded("a", "2a", summary("2a", VerdictStatus.FAILED, 1)); // results arrived before submissions.regrade
        ledger.failed("a", "1a", "an earlier attempt's error, read late"); // older: ignored
        ledger.graded("a", "2a", summary("2a", VerdictStatus.FAILED, 1)); // the same record twice
        ledger.selected("a", summary("0a", VerdictStatus.FAILED, 1));
        ledger.selected("stray", null);

        RegradeReport report = ledger.report(false);
        assertThat(report.counts()).isEqualTo(new RegradeCounts(2, 1, 0, 1, 0, 1));
        assertThat(report.submissions()).extracting(RegradeEntry::submissionId).containsExactly("a", "stray");
        RegradeEntry a = report.submissions().get(0);
        assertThat(a.changed()).isFalse();
        assertThat(a.after().attempt()).isEqualTo("2a");
        assertThat(a.error()).isNull();
        assertThat(ledger.report(true).submissions()).isEmpty();
    }

    @Test
    void changedMeansAnotherStatusOtherFailedTestsOrOtherLeakedBytes() {
        ledger.request(REQUEST.withSelection(new Regrade.Selection(4, null, AT)));
        ledger.selected("status", summary("0", VerdictStatus.PASSED));
        ledger.graded("status", "1", summary("1", VerdictStatus.FAILED, 1));
        ledger.selected("tests", summary("0", VerdictStatus.FAILED, 1));
        ledger.graded("tests", "1", summary("1", VerdictStatus.FAILED, 1, 2));
        ledger.selected("leak", new VerdictSummary("0", VerdictStatus.PASSED, List.of(), 16L));
        ledger.graded("leak", "1", new VerdictSummary("1", VerdictStatus.PASSED, List.of(), 32L));
        ledger.selected("new", null); // had no verdict before
        ledger.graded("new", "1", summary("1", VerdictStatus.PASSED));

        assertThat(ledger.report(true).submissions()).extracting(RegradeEntry::submissionId)
                .containsExactly("leak", "new", "status", "tests");
        assertThat(ledger.counts()).isEqualTo(new RegradeCounts(4, 4, 4, 0, 0, 0));
    }

    @Test
    void aDryRunIsDoneWithItsCountOnceSelected() {
        Regrade dryRun = new Regrade("r2", REQUEST.from(), REQUEST.to(), Map.of(), null, null, null, null, "count",
                true, false, AT, null);
        ledger.request(dryRun);
        assertThat(ledger.state()).isEqualTo(RegradeState.SELECTING);
        ledger.request(dryRun.withSelection(new Regrade.Selection(7, null, AT)));
        assertThat(ledger.state()).isEqualTo(RegradeState.DONE);
        assertThat(ledger.counts()).isEqualTo(new RegradeCounts(7, 0, 0, 0, 0, 0));
    }

    @Test
    void aFailedSelectionSaysWhy() {
        ledger.request(REQUEST.withSelection(new Regrade.Selection(0, "The selection stopped: boom", AT)));
        assertThat(ledger.state()).isEqualTo(RegradeState.FAILED);
        assertThat(ledger.report(false).failure()).isEqualTo("The selection stopped: boom");
    }

    private static VerdictSummary summary(String attempt, VerdictStatus status, Integer... failed) {
        return new VerdictSummary(attempt, status, List.of(failed), null);
    }
}
