package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item of the seed's {@code formatted_response}: a finding at a place in the user's own text.
 *
 * @param file   {@code "code"} when {@code line} counts lines of the code, {@code "tests"} when it
 *               counts lines of the tests text; null when the finding has no place
 * @param source who found it: compiler, policy, test, valgrind
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnostic(String file, Integer line, Integer column, String severity, String message, String source) {

    public static final String CODE = "code";
    public static final String TESTS = "tests";
}
