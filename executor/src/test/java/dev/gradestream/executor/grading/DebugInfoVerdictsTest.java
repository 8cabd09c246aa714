package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.executor.sandbox.Sandbox;
import dev.gradestream.executor.sandbox.SandboxConfig;
import dev.gradestream.executor.sandbox.SandboxedProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus case that runs Valgrind, graded in the real sandbox twice: with the symbols-only
 * /usr/lib/debug (the default) and with the host's full debug files. The whole verdict (everything but
 * ids and timings) must be the same, not just the facets the corpus checks: the copy only makes Valgrind
 * start faster. A case whose output changes from one run to the next is held to the same Valgrind report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebugInfoVerdictsTest {
    private Path stripped;
    private Path full;
    private ProcessRunner strippedRunner;
    private ProcessRunner fullRunner;
    private final Map<String, GradingEngine> engines = new HashMap<>();

    @BeforeAll
    void createEngines() throws IOException {
        stripped = workRoot();
        full = workRoot();
        Sandbox strippedSandbox = Sandbox.create(SandboxConfig.defaults());
        Sandbox fullSandbox = Sandbox.create(SandboxConfig.defaults().withStripDebugInfo(false));
        // Without the copy (objcopy or /usr/lib/debug missing) both would read the same files and agree.
        assertThat(strippedSandbox.stripsDebugInfo()).as("the symbols-only copy of /usr/lib/debug was made").isTrue();
        assertThat(fullSandbox.stripsDebugInfo()).isFalse();
        strippedRunner = new SandboxedProcessRunner(strippedSandbox);
        fullRunner = new SandboxedProcessRunner(fullSandbox);
    }

    @AfterAll
    void deleteWorkRoots() throws IOException {
        for (Path root : new Path[] {stripped, full}) {
            if (root != null) {
                JobDirectory.delete(root);
            }
        }
    }

    Stream<GradingCase> cases() {
        return GradingCase.all().filter(c -> c.submission().valgrind() == null || c.submission().valgrind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSameVerdictWithSymbolsOnlyAsWithFullDebugInfo(GradingCase gradingCase) throws InterruptedException {
        GradingEngine fullEngine = engine(full, fullRunner, gradingCase);
        JsonNode withSymbols = grade(engine(stripped, strippedRunner, gradingCase), gradingCase, "symbols");
        JsonNode withDwarf = grade(fullEngine, gradingCase, "full");
        if (!withSymbols.equals(withDwarf) && !grade(fullEngine, gradingCase, "full-again").equals(withDwarf)) {
            // The program's output differs from run to run (it prints uninitialised bytes): what Valgrind
            // found must still be the same.
            assertThat(withSymbols.path("valgrindReport")).as(gradingCase.name())
                    .isEqualTo(withDwarf.path("valgrindReport"));
            assertThat(withSymbols.path("valgrind")).as(gradingCase.name()).isEqualTo(withDwarf.path("valgrind"));
            return;
        }
        assertThat(withSymbols).as(gradingCase.name()).isEqualTo(withDwarf);
    }

    private static JsonNode grade(GradingEngine engine, GradingCase gradingCase, String variant)
            throws InterruptedException {
        return CachedBuildGradingTest.comparable(engine.grade(gradingCase.submission(),
                "debuginfo-" + variant + "-" + gradingCase.name(), (type, data) -> {
                }));
    }

    private GradingEngine engine(Path root, ProcessRunner runner, GradingCase gradingCase) {
        return engines.computeIfAbsent(root + " " + gradingCase.outputLimitBytes(), key -> new GradingEngine(
                GradingConfig.defaults().withWorkRoot(root).withOutputLimitBytes(gradingCase.outputLimitBytes()),
                runner, new LocalProcessRunner()));
    }

    private static Path workRoot() throws IOException {
        Path root = Files.createTempDirectory("gradestream-debuginfo-");
        // The sandbox user must be able to reach the job directories below it.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }
}
