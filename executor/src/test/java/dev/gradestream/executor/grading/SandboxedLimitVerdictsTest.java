package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.sandbox.Sandbox;
import dev.gradestream.executor.sandbox.SandboxedProcessRunner;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verdicts that only the sandbox can give honestly: which limit a test hit comes from the kernel's
 * counters, read through the runner, never from an exit code.
 */
class SandboxedLimitVerdictsTest {
    private static Path workRoot;
    private static GradingEngine engine;

    @BeforeAll
    static void sandboxedEngine() throws IOException {
        workRoot = Files.createTempDirectory("gradestream-limits-");
        Files.setPosixFilePermissions(workRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        engine = new GradingEngine(GradingConfig.defaults().withWorkRoot(workRoot),
                new SandboxedProcessRunner(Sandbox.create()),
                new LocalProcessRunner());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        JobDirectory.delete(workRoot);
    }

    @Test
    void mallocBombInTestTwoIsAMemoryLimitForTestTwo() {
        String code = String.join("\n",
                "#include <stdlib.h>",
                "#include <string.h>",
                "#include <unistd.h>",
                "int nap(void) { usleep(500000); return 0; }",
                "int hog(int mb) {",
                "    for (int i = 0; i < mb; i++) {",
                "        char *p = malloc(1 << 20);",
                "        if (!p) return -1;",
                "        memset(p, 1, 1 << 20);",
                "    }",
                "    return 0;",
                "}");
        List<JsonNode> testEvents = new ArrayList<>();
        Verdict verdict = engine.grade(new Submission("limits", null, code,
                "assert(hog(1) == 0);\nassert(hog(4096) == 0);\nassert(nap() == 0);",
                null, null, null, null, null, false, 64, null, null, null), null, (type, data) -> {
                    if (type == EventType.TEST_PASSED || type == EventType.TEST_FAILED) {
                        testEvents.add(data);
                    }
                });
        // The live events already name the memory limit: none says "runtime error" for the OOM kill.
        // Test 3 naps far longer than the watchdog's 10 ms poll, so the run is always stopped during it
        // (a test fast enough to finish first would, truthfully, pass).
        assertThat(testEvents).extracting(e -> e.path("status").asText())
                .containsExactly("passed", "memory_limit", "not_run");

        assertThat(verdict.status()).as("%s", verdict).isEqualTo(VerdictStatus.MEMORY_LIMIT);
        assertThat(verdict.tests()).extracting(TestResult::status)
                .containsExactly(TestStatus.PASSED, TestStatus.MEMORY_LIMIT, TestStatus.NOT_RUN);
        assertThat(verdict.tests().get(1).message()).isEqualTo("used more than the memory limit of 64 MB");
        assertThat(verdict.limits().memoryLimitMb()).isEqualTo(64);
        assertThat(verdict.failedTests()).containsExactly(2, 3);
    }

    @Test
    void forkBombIsARuntimeErrorNamingTheProcessLimit() {
        String code = "#include <unistd.h>\nint bomb(void) {\n    for (;;) fork();\n    return 0;\n}\n";
        Verdict verdict = grade(submission(code, "assert(bomb() == 0);"));

        assertThat(verdict.status()).as("%s", verdict).isEqualTo(VerdictStatus.RUNTIME_ERROR);
        assertThat(verdict.tests().get(0).status()).isEqualTo(TestStatus.RUNTIME_ERROR);
        assertThat(verdict.tests().get(0).message()).isEqualTo("started more processes or threads than allowed");
    }

    @Test
    void exitWith137IsNotMistakenForTheOomKiller() {
        String code = "#include <stdlib.h>\nint quit(void) {\n    exit(137);\n}\n";
        Verdict verdict = grade(submission(code, "assert(quit() == 0);\nassert(1 == 1);"));

        assertThat(verdict.status()).as("%s", verdict).isEqualTo(VerdictStatus.RUNTIME_ERROR);
        assertThat(verdict.tests()).extracting(TestResult::status)
                .containsExactly(TestStatus.RUNTIME_ERROR, TestStatus.PASSED);
        assertThat(verdict.tests().get(0).message()).contains("exit(137)");
    }

    @Test
    void headerThatNeverEndsIsACompileErrorNotAHang() {
        Verdict verdict = grade(submission("#include \"/dev/zero\"\nint f(void) { return 1; }\n", "assert(f() == 1);"));

        assertThat(verdict.status()).as("%s", verdict).isEqualTo(VerdictStatus.COMPILE_ERROR);
        assertThat(verdict.compile()).isFalse();
        assertThat(verdict.formattedResponse()).isNotEmpty();
        assertThat(verdict.timings().totalMs()).isLessThan(30_000);
    }

    @Test
    void programThatHogsMemoryIsAMemoryLimit() {
        String code = "#include <stdlib.h>\n#include <string.h>\nint main(void) {\n"
                + "    for (;;) { char *p = malloc(1 << 20); if (!p) return 1; memset(p, 1, 1 << 20); }\n}\n";
        Verdict verdict = grade(new Submission(null, null, code, null, null, null, null, null, null, false, 32, null,
                null, null));

        assertThat(verdict.status()).as("%s", verdict).isEqualTo(VerdictStatus.MEMORY_LIMIT);
        assertThat(verdict.run()).isFalse();
    }

    private static Submission submission(String code, String tests) {
        return new Submission(null, null, code, tests, null, null, null, null, null, false, null, null, null, null);
    }

    private static Verdict grade(Submission submission) {
        return engine.grade(submission.withId("limits"), null, (type, data) -> { });
    }
}
