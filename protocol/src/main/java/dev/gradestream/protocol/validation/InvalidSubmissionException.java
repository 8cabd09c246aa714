package dev.gradestream.protocol.validation;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A submission that must not be graded, with every reason found (not just the first). */
public final class InvalidSubmissionException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidSubmissionException(List<Violation> violations) {
        super(describe(violations));
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
    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid submission needs at least one violation");
        }
        if (violations.size() == 1) {
            return violations.get(0).message();
        }
        return violations.size() + " problems: " + IntStream.range(0, violations.size())
                .mapToObj(i -> (i + 1) + ") " + violations.get(i).message())
                .collect(Collectors.joining(" "));
    }
}
