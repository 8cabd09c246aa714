package dev.gradestream.protocol.model;

import java.util.List;

/**
 * The structured Valgrind result. {@code ran} is false when Valgrind was switched off or the program
 * never got that far (compile error, policy violation).
 */
public record ValgrindReport(boolean ran, List<ValgrindError> errors, LeakTotals leaks) {

    public static final ValgrindReport NOT_RUN = new ValgrindReport(false, List.of(), LeakTotals.NONE);

    public boolean clean() {
        return errors.isEmpty();
    }
}
