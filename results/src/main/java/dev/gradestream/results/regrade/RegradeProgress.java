package dev.gradestream.results.regrade;

/** The data of a {@code regrade-progress} or {@code regrade-completed} event. */
public record RegradeProgress(String id, RegradeState state, RegradeCounts counts) {
}
