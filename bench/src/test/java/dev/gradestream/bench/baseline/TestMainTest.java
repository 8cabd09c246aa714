package dev.gradestream.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain loop's generated test main, compiled with the real gcc and run. */
class TestMainTest {
    @TempDir
    Path dir;

    @Test
    void eachTestRunsOnItsOwnAndIsReportedInOrder() throws Exception {
        Files.writeString(dir.resolve("student.c"), """
                #include <assert.h>
                #include <stddef.h>
                int twice(int x) { assert(x != 99); return 2 * x; }
                int deref(const int *p) { return *p; }
                int spin(int x) { while (x) { } return 0; }
                """);
        String tests = "assert(twice(2) == 4);\nassert(twice(3) == 7);\n\nassert(deref(NULL) == 0);\n"
                + "assert(spin(1) == 0);\nassert(twice(99) == 198);\nassert(twice(0) == 0);\n";
        Files.writeString(dir.resolve("test_main.c"), TestMain.generate("student.c", tests));

        assertThat(run("gcc", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-o", "prog", "test_main.c")).isEmpty();
        // 1 passes, 2 is false, 3 crashes, 4 hangs until its 1 s alarm, 5 aborts in the student's own assert,
        // 6 passes: each decided on its own.
        assertThat(run("./prog", "1")).isEqualTo("""
                test 1: passed
                test 2: failed
                test 3: failed
                test 4: failed
                test 5: failed
                test 6: passed
                """);
    }

    @Test
    void noTestsIsAProgramThatReportsNothing() throws Exception {
        Files.writeString(dir.resolve("student.c"), "int one(void) { return 1; }\n");
        Files.writeString(dir.resolve("test_main.c"), TestMain.generate("student.c", null));

        assertThat(run("gcc", "-g", "-O0", "-Wall", "-Wextra", "-Werror", "-o", "prog", "test_main.c")).isEmpty();
        assertThat(run("./prog", "1")).isEmpty();
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }
}
