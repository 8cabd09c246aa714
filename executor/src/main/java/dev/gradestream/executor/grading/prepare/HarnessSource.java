package dev.gradestream.executor.grading.prepare;

import java.util.List;

/**
 * Generates the translation unit that runs tests: the user's code, included under its own name so its
 * lines stay its own (an unterminated comment or {@code #if} in it also ends at the include), then each
 * test as a function whose body carries a {@code #line} pointing at the test's line in the tests text.
 * The tests' {@code assert} becomes a recording call; the code's own asserts, above it, keep libc's.
 * The runtime that calls these functions is harness.c ({@link HarnessRuntime}).
 */
public final class HarnessSource {

    private HarnessSource() {
    }

    public static String generate(String codeFile, List<TestCase> tests) {
        StringBuilder unit = new StringBuilder(512 + 64 * tests.size());
        unit.append("#include \"").append(codeFile).append("\"\n");
        unit.append(lineDirective(1, SourceNames.GENERATED));
        unit.append("""
                #undef assert
                #ifdef __cplusplus
                extern "C" {
                #endif
                void gs_check(int ok);
                extern void (*const gs_tests[])(void);
                extern const int gs_test_count;
                #ifdef __cplusplus
                }
                #endif
                #define assert(...) gs_check((__VA_ARGS__) ? 1 : 0)
                """);
        for (TestCase test : tests) {
            unit.append("static void ").append(functionName(test.n())).append("(void)\n{\n");
            unit.append(lineDirective(test.line(), SourceNames.TESTS));
            unit.append(test.text()).append('\n');
            unit.append(lineDirective(1, SourceNames.GENERATED));
            unit.append("}\n");
        }
        unit.append("void (*const gs_tests[])(void) = {");
        for (TestCase test : tests) {
            unit.append(test.n() == 1 ? " " : ", ").append(functionName(test.n()));
        }
        unit.append(" };\nconst int gs_test_count = ").append(tests.size()).append(";\n");
        return unit.toString();
    }

    /** The name Valgrind frames show for test n; {@link #testNumber} reads it back. */
    public static String functionName(int n) {
        return "gs_test_" + n;
    }

    /** The test a function name belongs to, or 0 when it is not a test's function. */
    public static int testNumber(String function) {
        if (function == null || !function.startsWith("gs_test_")) {
            return 0;
        }
        try {
            return Integer.parseInt(function.substring("gs_test_".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lineDirective(int line, String file) {
        return "#line " + line + " \"" + file + "\"\n";
    }
}
