package dev.gradestream.protocol.validation;

import java.util.List;

/** A submission that must not be graded, with every reason found (not just the first). */
public final class InvalidSubmissionException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidSubmissionException(List<Violation> violations) {
        super(Violation.describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidSubmissionException(Violation violation, Throwable cause) {
        this(List.of(violation));
        initCause(cause);
    }

    public List<Violation> violations() {
        return violations;
    }

    // Messages contain "; " themselves, so several are numbered rather than joined by a separator.
}
