package dev.gradestream.executor.grading.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.Submission;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real gcc, readelf and addr2line: the lines asserted are the ones the debug info gives. */
class PolicyStageTest {
    private final PolicyStage stage = new PolicyStage(new LocalProcessRunner(), "gcc", "g++");

    @TempDir
    Path jobDir;

    private PolicyOutcome check(Language language, String code, List<String> blacklisted, List<String> whitelisted)
            throws Exception {
        return stage.check(jobDir, new Submission(null, language, code, null, null, null, whitelisted, blacklisted,
                null, null, null, null, null, null));
    }

    private PolicyOutcome blacklist(String code, String... names) throws Exception {
        return check(Language.C, code, List.of(names), null);
    }

    private PolicyOutcome whitelist(String code, String... names) throws Exception {
        return check(Language.C, code, null, List.of(names));
    }

    @Test
    void reportsABlacklistedCallAtItsLineAndColumn() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdlib.h>

                int run(void) {
                    return system("ls");
                }
                """, "system");
        assertThat(outcome.judged()).isTrue();
        assertThat(outcome.violations()).containsExactly(new Diagnostic("code", 4, 12, "error",
                "\"system\" is not allowed in this exercise (blacklisted)", "policy"));
    }

    @Test
    void reportsEachOffendingLine() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdlib.h>
                int a(void) {
                    system("a");
                    return 0;
                }
                int b(void) {
                    return system("b");
                }
                """, "system");
        assertThat(outcome.violations()).extracting(Diagnostic::line).containsExactly(3, 7);
    }

    @Test
    void findsACallHiddenByAMacroOnTheLineOfItsUse() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdlib.h>
                #define RUN(cmd) system(cmd)
                int f(void) {
                    int x = 1;
                    return RUN("ls") + x;
                }
                """, "system");
        assertThat(outcome.violations()).extracting(Diagnostic::line).containsExactly(5);
    }

    @Test
    void findsACallBuiltByTokenPasting() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdlib.h>
                #define CALL(x) sys##x
                int f(void) {
                    return CALL(tem)("ls");
                }
                """, "system");
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(tuple(4, "\"system\" is not allowed in this exercise (blacklisted)"));
    }

    @Test
    void namesInCommentsStringsCharsAndLongerIdentifiersAreNotCalls() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <string.h>
                // system("rm -rf /") would be bad
                /* so is system() */
                static int my_system(const char *s) { return (int)strlen(s); }
                int f(void) {
                    const char *text = "system(\\"ls\\")";
                    char c = 's'; /* 'system' */
                    return my_system(text) + c;
                }
                """, "system", "stdio.h");
        assertThat(outcome.judged()).isTrue();
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.definedFunctions()).containsExactly("f", "my_system");
    }

    @Test
    void reportsABlacklistedHeaderButNotItsNameInAString() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdio.h>
                const char *name = "stdio.h";
                const char *line = "#include <stdio.h>";
                int f(void) { return 1; }
                """, "stdio.h");
        assertThat(outcome.violations()).containsExactly(new Diagnostic("code", 1, 1, "error",
                "\"stdio.h\" must not be included in this exercise (blacklisted)", "policy"));
    }

    @Test
    void headerInAStringAloneIsNoViolation() throws Exception {
        assertThat(blacklist("const char *h = \"#include <stdio.h>\";\n", "stdio.h").violations()).isEmpty();
    }

    @Test
    void whitelistAllowsListedAndOwnFunctions() throws Exception {
        PolicyOutcome outcome = whitelist("""
                #include <stdlib.h>
                static int *make(int n) { return malloc(n * sizeof(int)); }
                int helper(int *p) { return p[0]; }
                int f(void) {
                    int *p = make(4);
                    p[0] = 7;
                    int v = helper(p);
                    free(p);
                    return v;
                }
                """, "malloc", "free");
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.referencedFunctions()).containsExactly("free", "malloc");
        assertThat(outcome.definedFunctions()).containsExactly("f", "helper", "make");
    }

    @Test
    void whitelistViolationNamesTheFunctionAndTheAllowedOnes() throws Exception {
        PolicyOutcome outcome = whitelist("""
                #include <stdio.h>
                #include <stdlib.h>
                int f(void) {
                    int *p = malloc(4);
                    printf("%p\\n", (void *)p);
                    free(p);
                    return 0;
                }
                """, "malloc", "free");
        assertThat(outcome.violations()).containsExactly(new Diagnostic("code", 5, 5, "error",
                "\"printf\" is not in the list of allowed functions: malloc, free", "policy"));
    }

    @Test
    void redirectedGlibcNamesAreJudgedAsWritten() throws Exception {
        PolicyOutcome outcome = check(Language.C, """
                #include <stdio.h>
                int f(void) {
                    int x;
                    return scanf("%d", &x) + x;
                }
                """, List.of("scanf"), List.of("printf"));
        assertThat(outcome.referencedFunctions()).containsExactly("scanf");
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::message)
                .containsExactly(tuple(4, "\"scanf\" is not allowed in this exercise (blacklisted)"));
    }

    @Test
    void definesMainOrNot() throws Exception {
        assertThat(blacklist("int main(void) { return 0; }\n").definesMain()).isTrue();
        assertThat(blacklist("int add(int a, int b) { return a + b; }\n").definesMain()).isFalse();
        PolicyOutcome noRules = check(Language.C, "int main(void) { return 0; }\n", null, null);
        assertThat(noRules.judged()).isTrue();
        assertThat(noRules.definesMain()).isTrue();
        assertThat(noRules.definedFunctions()).containsExactly("main");
    }

    @Test
    void cppCallThroughStdIsJudgedByItsUnqualifiedName() throws Exception {
        PolicyOutcome outcome = check(Language.CPP, """
                #include <cstdlib>
                #include <string>
                int run(const std::string &command) {
                    return std::system(command.c_str());
                }
                """, List.of("std::system"), null);
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
                .containsExactly(tuple(4, 17, "\"system\" is not allowed in this exercise (blacklisted)"));
        assertThat(outcome.definedFunctions()).containsExactly("run");
        assertThat(check(Language.CPP, "#include <cstdlib>\nint f() { return std::system(\"ls\"); }\n",
                List.of("system"), null).violations()).extracting(Diagnostic::line).containsExactly(2);
    }

    @Test
    void cppLibraryInternalsAreNotTheUsersReferences() throws Exception {
        PolicyOutcome outcome = check(Language.CPP, """
                #include <algorithm>
                #include <vector>
                void order(std::vector<int> &v) {
                    std::sort(v.begin(), v.end());
                }
                """, List.of("memmove"), null);
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.referencedFunctions()).contains("sort").doesNotContain("memmove");
        assertThat(outcome.definedFunctions()).containsExactly("order");
    }

    @Test
    void cppInlineFunctionsFromHeadersAreTheLibrarysNotTheUsers() throws Exception {
        PolicyOutcome outcome = check(Language.CPP, """
                #include <new>
                int make(void *buf) {
                    int *p = new (buf) int(5);
                    return *p;
                }
                """, null, List.of());
        // <new> defines placement new inline, so it is in the object, but it is not the user's function.
        assertThat(outcome.definedFunctions()).containsExactly("make");
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
                .containsExactly(tuple(3, 14,
                        "\"new\" is not allowed: this exercise allows no library functions"));
    }

    @Test
    void implicitMemcpyOfALargeStructIsReportedAsCompilerGenerated() throws Exception {
        PolicyOutcome outcome = whitelist("""
                struct big { char bytes[100000]; };
                void copy(struct big *to, const struct big *from) {
                    *to = *from;
                }
                """);
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::column, Diagnostic::message)
                .containsExactly(tuple(3, null, "\"memcpy\" is not allowed: this exercise allows no library functions;"
                        + " the compiler generated this call for the code on line 3 (it copies or clears a large"
                        + " struct or array there)"));
    }

    @Test
    void codeThatDoesNotCompileIsNotJudged() throws Exception {
        PolicyOutcome outcome = blacklist("int f(void) { return system(\"ls\") }\n", "system");
        assertThat(outcome.judged()).isFalse();
        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.definesMain()).isFalse();
    }

    @Test
    void aFunctionPointerInAnInitialiserIsPlacedByItsName() throws Exception {
        PolicyOutcome outcome = blacklist("""
                #include <stdlib.h>
                int (*run)(const char *) =
                    system;
                """, "system");
        assertThat(outcome.violations()).extracting(Diagnostic::line, Diagnostic::column).containsExactly(tuple(3, 5));
    }

    @Test
    void writesItsFilesInThePolicySubdirectory() throws Exception {
        blacklist("int f(void) { return 0; }\n", "system");
        assertThat(jobDir.resolve("policy/code.c")).exists();
        assertThat(jobDir.resolve("policy/code.o")).exists();
    }
}
