package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * start faster. A program Valgrind caught reading uninitialised bytes may print
 * different bytes each run, so only its output is left out of the comparison.
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
        JsonNode withSymbols = grade(engine(stripped, strippedRunner, gradingCase), gradingCase, "symbols");
        JsonNode withDwarf = grade(engine(full, fullRunner, gradingCase), gradingCase, "full");
        if (readsUninitialisedBytes(withDwarf)) {
            // What such a program prints is whatever the stack held, which changes from run to run (CI saw
            // "ok" and "ok\ufffd+"): everything but its output must still be the same.
            withSymbols = withoutOutput(withSymbols);
            withDwarf = withoutOutput(withDwarf);
        }
        assertThat(withSymbols).as(gradingCase.name()).isEqualTo(withDwarf);
    }

    /** Valgrind's own word that the program used bytes nobody wrote. */
    private static boolean readsUninitialisedBytes(JsonNode verdict) {
        for (JsonNode error : verdict.path("valgrindReport").path("errors")) {
            String kind = error.path("kind").asText();
            if (kind.startsWith("Uninit") || kind.equals("SyscallParam")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode withoutOutput(JsonNode verdict) {
        ObjectNode copy = verdict.deepCopy();
        copy.remove("output");
        copy.path("tests").forEach(test -> ((ObjectNode) test).remove("output"));
        return copy;
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
