package dev.gradestream.results.regrade;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a regrade stands, as {@code GET /regrades/{id}} reports it. */
public enum RegradeState {
    /** Reading the range of {@code submissions} and republishing what matches. */
    SELECTING,
    /** Selected; the executors are grading what was republished. */
    GRADING,
    /** Every selected submission has a new verdict or an error (a dry run: counted). */
    DONE,
    /** The selection stopped; the reason says why. */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
