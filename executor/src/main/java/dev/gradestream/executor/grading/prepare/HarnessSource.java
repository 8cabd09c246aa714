package dev.gradestream.executor.grading.prepare;

import java.util.List;

/**
 * Generates the translation unit that runs tests: the user's code, included under its own name so its
 * lines stay its own (an unterminated comment or {@code #if} in it also ends at the include), then each
 * test as a function whose body carries a {@code #line} pointing at the test's line in the tests text.
 * The tests' {@code assert} becomes a recording call; the code's own asserts, above it, keep libc's.
 * In C++, a terminate handler tells the harness which exception escaped a test before aborting as
 * std::terminate would; without it the verdict could only say "SIGABRT".
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
        unit.append(CPP_TERMINATE_HANDLER);
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

    /**
     * Installed before main() by a static initializer, so the forked tests inherit it. It does not change
     * what happens (no unwinding, then abort(), like the default handler); it only reports the exception's
     * type and what() to the harness first ({@code gs_exception} in harness.c).
     */
    private static final String CPP_TERMINATE_HANDLER = """
            #ifdef __cplusplus
            #include <cstdlib>
            #include <cxxabi.h>
            #include <exception>
            #include <typeinfo>
            extern "C" void gs_exception(const char *type, const char *what);
            namespace {
            [[noreturn]] void gs_on_terminate()
            {
                if (std::type_info *type = abi::__cxa_current_exception_type()) {
                    int status = -1;
                    char *name = abi::__cxa_demangle(type->name(), nullptr, nullptr, &status);
                    const char *shown = status == 0 && name != nullptr ? name : type->name();
                    try {
                        throw;
                    } catch (const std::exception &e) {
                        gs_exception(shown, e.what());
                    } catch (...) {
                        gs_exception(shown, nullptr);
                    }
                }
                std::abort();
            }
            struct gs_terminate_installer {
                gs_terminate_installer() { std::set_terminate(gs_on_terminate); }
            } gs_terminate_installed;
            }
            #endif
            """;

    /** The name Valgrind frames show for test n; {@link #testNumber} reads it back. */
    public static String functionName(int n) {
        return "gs_test_" + n;
    }

    /**
     * The test a function name belongs to, or 0 when it is not a test's function. Valgrind demangles C++
     * names, so in a C++ submission test 1 is {@code gs_test_1()}.
     */
    public static int testNumber(String function) {
        if (function == null || !function.startsWith("gs_test_")) {
            return 0;
        }
        String number = function.substring("gs_test_".length());
        try {
            return Integer.parseInt(number.endsWith("()") ? number.substring(0, number.length() - 2) : number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lineDirective(int line, String file) {
        return "#line " + line + " \"" + file + "\"\n";
    }
}
