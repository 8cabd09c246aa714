package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of the corpus through the engine with the real gcc and Valgrind, launched directly;
 * {@code SandboxedGradingCasesTest} runs the same corpus inside the real sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingCasesTest {
    private Path workRoot;
    private final Map<Long, GradingEngine> engines = new ConcurrentHashMap<>();

    @BeforeAll
    void createWorkRoot() throws IOException {
        workRoot = Files.createTempDirectory("gradestream-cases-");
    }

    @AfterAll
    void deleteWorkRoot() throws IOException {
        JobDirectory.delete(workRoot);
    }

    /** What launches the submission's processes. */
    ProcessRunner runner(Path workRoot) {
        return new LocalProcessRunner();
    }

    Stream<GradingCase> cases() {
        return GradingCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradesAsExpected(GradingCase gradingCase) throws InterruptedException {
        List<EventType> types = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        Verdict verdict = engine(gradingCase.outputLimitBytes()).grade(gradingCase.submission(),
                "case-" + gradingCase.name(), (type, payload) -> {
                    types.add(type);
                    data.add(payload);
                });
        JsonNode actual = Json.mapper().valueToTree(verdict);

        assertThat(FacetMatcher.mismatches(gradingCase.expect(), actual))
                .as("%s (%s)%nverdict: %s", gradingCase.name(), gradingCase.description(), pretty(actual))
                .isEmpty();
        if (!gradingCase.events().isEmpty()) {
            assertThat(types).map(EventType::wireName).containsExactlyElementsOf(gradingCase.events());
        }
        assertThat(types).last().isEqualTo(EventType.COMPLETED);
        assertThat(data.get(data.size() - 1)).isEqualTo(actual);
        assertThat(workRoot.resolve(JobDirectory.nameFor("case-" + gradingCase.name()))).doesNotExist();
        assertThat(processesLeftIn(workRoot)).as("processes still running in the job directory").isEmpty();
    }

    /**
     * Processes whose working directory is (or was, before it was deleted) under the work root: whatever a
     * submission started must be gone when its grading returns. Killed processes take a moment to die.
     */
    private static List<String> processesLeftIn(Path root) throws InterruptedException {
        List<String> left = List.of();
        for (int attempt = 0; attempt < 20; attempt++) {
            left = new ArrayList<>();
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        if (Files.readSymbolicLink(entry.resolve("cwd")).toString().startsWith(root.toString())) {
                            left.add(name + " " + Files.readString(entry.resolve("cmdline")).replace('\0', ' '));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // Exited meanwhile, a zombie, or not ours to look at.
                    }
                }
            } catch (IOException noProc) {
                return List.of();
            }
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    private GradingEngine engine(long outputLimitBytes) {
        return engines.computeIfAbsent(outputLimitBytes, limit -> new GradingEngine(
                GradingConfig.defaults().withWorkRoot(workRoot).withOutputLimitBytes(limit), runner(workRoot),
                new LocalProcessRunner()));
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}
