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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every case of the corpus through the engine with the real gcc and Valgrind. */
class GradingCasesTest {
    private static Path workRoot;
    private static final Map<Long, GradingEngine> ENGINES = new ConcurrentHashMap<>();

    @BeforeAll
    static void createWorkRoot() throws IOException {
        workRoot = Files.createTempDirectory("gradestream-cases-");
    }

    @AfterAll
    static void deleteWorkRoot() throws IOException {
        JobDirectory.delete(workRoot);
    }

    static Stream<GradingCase> cases() {
        return GradingCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradesAsExpected(GradingCase gradingCase) {
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
        assertThat(workRoot.resolve("case-" + gradingCase.name())).doesNotExist();
    }

    private static GradingEngine engine(long outputLimitBytes) {
        return ENGINES.computeIfAbsent(outputLimitBytes, limit -> new GradingEngine(
                GradingConfig.defaults().withWorkRoot(workRoot).withOutputLimitBytes(limit), new LocalProcessRunner()));
    }

    private static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}
