package dev.gradestream.results.regrade;

import dev.gradestream.protocol.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** A regrade request that cannot be run as sent; every violation says what to change. */
public class InvalidRegradeException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidRegradeException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
