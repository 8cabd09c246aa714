package dev.gradestream.results.regrade;

import dev.gradestream.protocol.validation.Violation;
import java.util.List;

/** A regrade request that cannot be run as sent; every violation says what to change. */
public class InvalidRegradeException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidRegradeException(List<Violation> violations) {
        super(Violation.describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
