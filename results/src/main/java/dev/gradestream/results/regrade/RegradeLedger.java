package dev.gradestream.results.regrade;

import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.model.VerdictSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one instance knows about one regrade, gathered from three topics in whatever order they
 * arrive: the request ({@code regrades}), what was selected ({@code submissions.regrade}) and how each
 * selected one ended ({@code results}). Taking in the same fact twice changes nothing, and a later attempt
 * of a submission (a re-run after a crash) replaces an earlier one, so each submission counts once.
 */
final class RegradeLedger {
    private Regrade regrade;
    private final Map<String, Slot> slots = new TreeMap<>();

    /** One submission of the regrade, as far as it is known. */
    private static final class Slot {
        boolean selected;
        VerdictSummary before;
        String attempt;
        VerdictSummary after;
        String error;
    }

    synchronized void request(Regrade latest) {
        // The record is written twice (accepted, then selected); never go back to the one without a selection.
        if (regrade == null || regrade.selection() == null) {
            regrade = latest;
        }
    }

    synchronized Regrade regrade() {
        return regrade;
    }

    synchronized void selected(String submissionId, VerdictSummary before) {
        Slot slot = slots.computeIfAbsent(submissionId, id -> new Slot());
        slot.selected = true;
        slot.before = before;
    }

    /** The regrade's attempt {@code attempt} of a submission ended with a verdict. */
    synchronized void graded(String submissionId, String attempt, VerdictSummary after) {
        Slot slot = latest(submissionId, attempt);
        if (slot != null) {
            slot.after = after;
            slot.error = null;
        }
    }

    /** The regrade's attempt {@code attempt} of a submission ended in an error. */
    synchronized void failed(String submissionId, String attempt, String reason) {
        Slot slot = latest(submissionId, attempt);
        if (slot != null) {
            slot.after = null;
            slot.error = reason;
        }
    }

    /** The slot to record {@code attempt}'s outcome in, or null when a newer attempt's is there already. */
    private Slot latest(String submissionId, String attempt) {
        Slot slot = slots.computeIfAbsent(submissionId, id -> new Slot());
        if (slot.attempt != null && slot.attempt.compareTo(attempt) > 0) {
            return null; // UUIDv7 attempts sort by time
        }
        slot.attempt = attempt;
        return slot;
    }

    synchronized RegradeCounts counts() {
        int selected = 0;
        int graded = 0;
        int changed = 0;
        int errors = 0;
        for (Slot slot : slots.values()) {
            if (!slot.selected) {
                continue;
            }
            selected++;
            if (slot.after != null) {
                graded++;
                changed += slot.after.sameOutcomeAs(slot.before) ? 0 : 1;
            } else if (slot.error != null) {
                errors++;
            }
        }
        Regrade.Selection selection = regrade == null ? null : regrade.selection();
        if (selection != null && regrade.dryRun()) {
            return new RegradeCounts(selection.selected(), 0, 0, 0, 0, 0); // nothing was republished
        }
        if (selection != null) {
            // Count the selection's total even while some republished records are still on their way here.
            selected = Math.max(selected, selection.selected());
        }
        return new RegradeCounts(selected, graded, changed, graded - changed, errors, selected - graded - errors);
    }

    synchronized RegradeState state() {
        return stateFor(counts());
    }

    /** State and counts read together, so they agree. */
    synchronized RegradeProgress progress() {
        RegradeCounts counts = counts();
        return new RegradeProgress(regrade.id(), stateFor(counts), counts);
    }

    private RegradeState stateFor(RegradeCounts counts) {
        Regrade.Selection selection = regrade == null ? null : regrade.selection();
        if (selection == null) {
            return RegradeState.SELECTING;
        }
        if (selection.failed()) {
            return RegradeState.FAILED;
        }
        return counts.pending() == 0 ? RegradeState.DONE : RegradeState.GRADING;
    }

    synchronized RegradeReport report(boolean changedOnly) {
        List<RegradeEntry> entries = new ArrayList<>();
        slots.forEach((id, slot) -> {
            if (!slot.selected) {
                return;
            }
            Boolean changed = slot.after == null ? null : !slot.after.sameOutcomeAs(slot.before);
            if (!changedOnly || Boolean.TRUE.equals(changed)) {
                entries.add(new RegradeEntry(id, slot.before, slot.after, changed, slot.error));
            }
        });
        Regrade.Selection selection = regrade.selection();
        RegradeCounts counts = counts();
        return new RegradeReport(regrade.id(), stateFor(counts), regrade.reason(), regrade, counts,
                selection == null ? null : selection.failure(), entries);
    }
}
