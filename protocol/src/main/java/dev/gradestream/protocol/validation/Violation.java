package dev.gradestream.protocol.validation;

import java.util.Objects;

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
}
