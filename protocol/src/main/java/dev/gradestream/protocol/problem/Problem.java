package dev.gradestream.protocol.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradestream.protocol.validation.Violation;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every GradeStream HTTP error
 * ({@code application/problem+json}). {@code detail} says what to change; {@code violations} lists
 * every invalid field when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
