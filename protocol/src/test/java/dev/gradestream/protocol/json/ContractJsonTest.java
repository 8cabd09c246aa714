package dev.gradestream.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.protocol.Samples;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import dev.gradestream.protocol.validation.SubmissionParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    static final String SEED_EXAMPLE = "{\"code\":\"int add(int a,int b){return a+b;}\","
            + "\"tests\":\"assert(add(1,2)==3);\\nassert(add(2,2)==5);\",\"timeout\":10,\"perTestTimeout\":2,"
            + "\"whitelisted\":null,\"blacklisted\":[\"system\"]}";

    @Test
    void submissionRoundTripsEveryField() throws Exception {
        Submission s = new Submission("0190d5c4-0000-7000-8000-000000000001", Language.CPP, "int f(){return 1;}",
                "assert(f()==1);", 20, 4, List.of("printf"), List.of("system", "stdio.h"), false, true, 128,
                "1 2\n", Map.of("course", "cs101"), "rg-1");

        String json = MAPPER.writeValueAsString(s);

        assertThat(MAPPER.readValue(json, Submission.class)).isEqualTo(s);
        assertThat(MAPPER.readTree(json).get("language").asText()).isEqualTo("cpp");
    }

    @Test
    void submissionLeavesOutWhatWasNotGiven() throws Exception {
        JsonNode json = MAPPER.valueToTree(Submission.of("int x;", null));

        assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("code");
    }

    @Test
    void stageEventRoundTripsWithIsoInstantAndObjectData() throws Exception {
        ObjectNode data = MAPPER.createObjectNode().put("n", 2).put("status", "failed");
        Instant at = Instant.parse("2025-03-01T12:34:56.789Z");
        StageEvent event = new StageEvent("sub-1", "att-1", 7, EventType.TEST_FAILED, at, data);

        String json = MAPPER.writeValueAsString(event);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(tree.get("at").isTextual()).isTrue();
        assertThat(tree.get("at").asText()).isEqualTo("2025-03-01T12:34:56.789Z");
        assertThat(tree.get("type").asText()).isEqualTo("test-failed");
        assertThat(tree.get("attempt").isTextual()).isTrue();
        assertThat(MAPPER.readValue(json, StageEvent.class)).isEqualTo(event);
    }

    @Test
    void verdictRoundTripsWithTheSeedsSnakeCaseNames() throws Exception {
        Verdict verdict = Samples.verdict();

        String json = MAPPER.writeValueAsString(verdict);
        JsonNode tree = MAPPER.readTree(json);

        assertThat(tree.has("compilation_time")).isTrue();
        assertThat(tree.has("run_time")).isTrue();
        assertThat(tree.has("formatted_response")).isTrue();
        assertThat(tree.has("failed_tests")).isTrue();
        assertThat(tree.has("compilationTime")).isFalse();
        assertThat(tree.has("runTime")).isFalse();
        assertThat(tree.has("formattedResponse")).isFalse();
        assertThat(tree.has("failedTests")).isFalse();
        assertThat(tree.get("status").asText()).isEqualTo("failed");
        assertThat(tree.at("/tests/1/status").asText()).isEqualTo("runtime_error");
        assertThat(MAPPER.readValue(json, Verdict.class)).isEqualTo(verdict);
    }

    @Test
    void enumsTravelByWireName() throws Exception {
        assertThat(MAPPER.writeValueAsString(EventType.COMPILE_FAILED)).isEqualTo("\"compile-failed\"");
        assertThat(MAPPER.writeValueAsString(VerdictStatus.COMPILE_ERROR)).isEqualTo("\"compile_error\"");
        assertThat(MAPPER.writeValueAsString(TestStatus.RUNTIME_ERROR)).isEqualTo("\"runtime_error\"");
        assertThat(MAPPER.writeValueAsString(Language.C)).isEqualTo("\"c\"");

        assertThat(MAPPER.readValue("\"compile-failed\"", EventType.class)).isEqualTo(EventType.COMPILE_FAILED);
        assertThat(MAPPER.readValue("\"compile_error\"", VerdictStatus.class)).isEqualTo(VerdictStatus.COMPILE_ERROR);
        assertThat(MAPPER.readValue("\"runtime_error\"", TestStatus.class)).isEqualTo(TestStatus.RUNTIME_ERROR);
        assertThat(MAPPER.readValue("\"cpp\"", Language.class)).isEqualTo(Language.CPP);
    }

    @Test
    void everyEventTypeRoundTrips() throws Exception {
        for (EventType type : EventType.values()) {
            assertThat(MAPPER.readValue(MAPPER.writeValueAsString(type), EventType.class)).isEqualTo(type);
        }
    }

    @Test
    void theSeedsExamplePayloadParsesAndGetsDefaults() {
        Submission s = SubmissionParser.parse(SEED_EXAMPLE);

        assertThat(s.code()).isEqualTo("int add(int a,int b){return a+b;}");
        assertThat(s.tests()).isEqualTo("assert(add(1,2)==3);\nassert(add(2,2)==5);");
        assertThat(s.timeout()).isEqualTo(10);
        assertThat(s.perTestTimeout()).isEqualTo(2);
        assertThat(s.whitelisted()).isNull();
        assertThat(s.blacklisted()).containsExactly("system");

        Submission d = s.withDefaults();
        assertThat(d.language()).isEqualTo(Language.C);
        assertThat(d.runTests()).isTrue();
        assertThat(d.valgrind()).isTrue();
        assertThat(d.timeout()).isEqualTo(10);
        assertThat(d.perTestTimeout()).isEqualTo(2);
    }
}
