package dev.gradestream.bench.baseline;

import java.util.List;

/**
 * The test program a plain grading script generates: the student's code included as it is, each line of
 * the tests as a function whose {@code assert} ends the process with 0 or 1, and a main that forks each
 * test with a per-test alarm (seconds, its first argument) and prints whether it passed.
 */
final class TestMain {
    private TestMain() {
    }

    static String generate(String codeFile, String tests) {
        List<String> lines = tests == null ? List.of()
                : tests.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        StringBuilder main = new StringBuilder();
        main.append("#include \"").append(codeFile).append("\"\n");
        main.append("""
                #include <stdio.h>
                #include <stdlib.h>
                #include <sys/wait.h>
                #include <unistd.h>
                #undef assert
                #define assert(...) _exit((__VA_ARGS__) ? 0 : 1)
                """);
        for (int i = 0; i < lines.size(); i++) {
            main.append("static void test_").append(i + 1).append("(void)\n{\n    ").append(lines.get(i)).append("\n}\n");
        }
        main.append("static void (*const tests[])(void) = {");
        for (int i = 0; i < lines.size(); i++) {
            main.append(i == 0 ? " " : ", ").append("test_").append(i + 1);
        }
        main.append(lines.isEmpty() ? " 0 };\n" : " };\n");
        main.append("""
                int main(int argc, char **argv)
                {
                    unsigned limit = argc > 1 ? (unsigned) atoi(argv[1]) : 5;
                    int failed = 0;
                    for (int i = 0; i < %d; i++) {
                        fflush(stdout);
                        pid_t pid = fork();
                        if (pid == 0) {
                            alarm(limit);
                            tests[i]();
                            _exit(0);
                        }
                        int status = 0;
                        waitpid(pid, &status, 0);
                        int passed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
                        printf("test %%d: %%s\\n", i + 1, passed ? "passed" : "failed");
                        failed += !passed;
                    }
                    return failed != 0;
                }
                """.formatted(lines.size()));
        return main.toString();
    }
}
