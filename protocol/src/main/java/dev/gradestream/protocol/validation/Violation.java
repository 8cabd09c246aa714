package dev.gradestream.protocol.validation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One thing wrong with a submission.
 *
 * @param field   where, in the client's own terms: a JSON field name ({@code "timeout"}), a list entry
 *                ({@code "whitelisted[2]"}), a map entry ({@code "metadata.course"}), or {@link #ROOT}
 *                when the problem is the document as a whole (not JSON, not an object)
 * @param message a sentence telling a person what to change, quoting the limit and what was sent
 */
public record Violation(String field, String message) {

    /** The field of violations about the whole document, after JSONPath's name for the root. */
    public static final String ROOT = "$";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /**
     * All of them in one sentence for a problem's {@code detail}: numbered, because the messages hold
     * semicolons themselves ("timeout must be between 1 and 60 seconds; got 90"), so a "; " join could
     * not be read back apart.
     */
    public static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("at least one violation is needed");
        }
        if (violations.size() == 1) {
            return violations.get(0).message();
        }
        return violations.size() + " problems: " + IntStream.range(0, violations.size())
                .mapToObj(i -> (i + 1) + ") " + violations.get(i).message())
                .collect(Collectors.joining(" "));
    }
}
