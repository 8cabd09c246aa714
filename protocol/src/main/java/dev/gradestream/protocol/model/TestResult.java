package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of test {@code n} (1-based: the n-th non-empty line of {@code tests}).
 *
 * @param line   where the test stands in the tests text (1-based, counting empty lines)
 * @param signal the signal's name (SIGSEGV, SIGABRT…) when the test was killed by one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(int n, int line, String expression, TestStatus status, String message, long timeMs,
        String signal, String output) {

    public boolean passed() {
        return status == TestStatus.PASSED;
    }
}
