package dev.gradestream.executor.grading.prepare;

/**
 * One test: the n-th non-empty line of the tests text.
 *
 * @param line the line's number in the tests text (1-based, empty lines counted), which is what
 *             diagnostics and Valgrind frames in the test report
 * @param text the line as written; {@code expression} in results is the same line, trimmed
 */
public record TestCase(int n, int line, String text) {

    public String expression() {
        return text.strip();
    }
}
