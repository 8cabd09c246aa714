package dev.gradestream.results.regrade;

/**
 * A regrade's progress in numbers.
 *
 * @param selected  distinct submissions in the range that match the filter
 * @param graded    of those, how many have the regrade's verdict
 * @param changed   graded ones whose status, failed tests or leaked bytes differ from before
 * @param unchanged graded ones that say the same as before
 * @param errors    ones the regrade could not grade (an {@code error} event: see each entry's reason)
 * @param pending   selected, neither graded nor in error yet
 */
public record RegradeCounts(int selected, int graded, int changed, int unchanged, int errors, int pending) {
}
