package dev.gradestream.results.regrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.RangeBound;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegradeRequestParserTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void aTimeRangeWithFilterAndOverridesBecomesARegradeThatEndsNowWhenNoEndIsGiven() {
        Regrade regrade = parse("{\"from\": \"2026-11-26T08:30:00+02:00\", \"filter\": {\"assignment\": \"lab3\"}, "
                + "\"tests\": \"assert(f() == 1);\", \"perTestTimeout\": 2, \"blacklisted\": [\"system\"], "
                + "\"reason\": \"  test 1 was wrong \", \"apply\": true}");

        assertThat(regrade.from()).isEqualTo(RangeBound.at(Instant.parse("2026-11-26T06:30:00Z")));
        assertThat(regrade.to()).isEqualTo(RangeBound.at(NOW));
        assertThat(regrade.filter()).isEqualTo(Map.of("assignment", "lab3"));
        assertThat(regrade.tests()).isEqualTo("assert(f() == 1);");
        assertThat(regrade.perTestTimeout()).isEqualTo(2);
        assertThat(regrade.blacklisted()).containsExactly("system");
        assertThat(regrade.whitelisted()).isNull();
        assertThat(regrade.reason()).isEqualTo("test 1 was wrong");
        assertThat(regrade.apply()).isTrue();
        assertThat(regrade.dryRun()).isFalse();
        assertThat(regrade.createdAt()).isEqualTo(NOW);
        assertThat(regrade.selection()).isNull();
        assertThat(regrade.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void offsetsPerPartitionAreARangeToo() {
        Regrade regrade = parse("{\"from\": {\"0\": 5, \"3\": 0}, \"to\": {\"0\": 9}, \"reason\": \"r\"}");

        assertThat(regrade.from()).isEqualTo(RangeBound.atOffsets(Map.of(0, 5L, 3, 0L)));
        assertThat(regrade.to()).isEqualTo(RangeBound.atOffsets(Map.of(0, 9L)));
    }

    @Test
    void theStoredFormReadsBackAsTheSameRegrade() throws Exception {
        Regrade regrade = parse("{\"from\": {\"0\": 5}, \"filter\": {\"a\": \"b\"}, \"reason\": \"r\", \"dryRun\": true}");
        Regrade read = Json.mapper().readValue(Json.toBytes(regrade), Regrade.class);

        assertThat(read).isEqualTo(regrade);
        assertThat(new String(Json.toBytes(regrade), StandardCharsets.UTF_8)).contains("\"from\":{\"0\":5}")
                .contains("\"to\":\"2026-11-26T08:00:00Z\"");
    }

    @Test
    void everyMistakeIsNamedWithWhatToChange() {
        List<Violation> violations = violations("{\"from\": \"yesterday\", \"to\": {\"x\": 1}, \"filters\": {}, "
                + "\"filter\": {\"week\": 3}, \"perTestTimeout\": 0, \"whitelisted\": [\"sys tem\"], \"dryRun\": true, "
                + "\"apply\": true}");

        assertThat(violations).extracting(Violation::field).containsExactly("filters", "from", "to", "filter", "reason",
                "apply", "perTestTimeout", "whitelisted[0]");
        assertThat(violations.get(0).message()).isEqualTo("filters: unknown field; the fields are [apply, blacklisted, "
                + "dryRun, filter, from, perTestTimeout, reason, tests, to, whitelisted]");
        assertThat(violations.get(1).message()).startsWith("from: not an ISO-8601 time with an offset");
        assertThat(violations.get(2).message()).contains("\"x\": 1 is not");
        assertThat(violations.get(3).message()).isEqualTo("filter: metadata values are strings; \"week\" was 3");
        assertThat(violations.get(5).message()).startsWith("apply: a dry run grades nothing");
    }

    @Test
    void theRangeMustBeOneKindAndRunForwardAndAReasonIsRequired() {
        assertThat(violations("{\"from\": \"2026-11-26T07:00:00Z\", \"to\": {\"0\": 3}, \"reason\": \"r\"}"))
                .extracting(Violation::message).containsExactly("to: give from and to the same way, both as times or both as offsets");
        assertThat(violations("{\"from\": \"2026-11-26T07:00:00Z\", \"to\": \"2026-11-26T06:00:00Z\", \"reason\": \"r\"}"))
                .extracting(Violation::message).containsExactly("to: must be after from (2026-11-26T07:00:00Z), was 2026-11-26T06:00:00Z");
        assertThat(violations("{\"from\": \"2026-11-26T09:00:00Z\", \"reason\": \"r\"}"))
                .extracting(Violation::message).containsExactly("from: must be in the past (now is 2026-11-26T08:00:00Z), was 2026-11-26T09:00:00Z");
        assertThat(violations("{\"from\": \"2026-11-26T07:00:00Z\", \"reason\": \" \"}")).extracting(Violation::field)
                .containsExactly("reason");
        assertThat(violations("{\"from\": \"2026-11-26T07:00:00Z\", \"reason\": \"" + "x".repeat(501) + "\"}"))
                .extracting(Violation::message).containsExactly("reason: at most 500 characters, was 501");
    }

    @Test
    void aBodyThatIsNoObjectSaysWhatToSend() {
        assertThat(violations("[1]")).extracting(Violation::message)
                .containsExactly("send a JSON object with at least \"from\" and \"reason\"");
        assertThat(violations("{\"from\":")).singleElement().extracting(Violation::message).asString()
                .startsWith("the body is not JSON (");
        assertThat(violations("")).extracting(Violation::field).containsExactly(Violation.ROOT);
    }

    private static Regrade parse(String json) {
        return RegradeRequestParser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static List<Violation> violations(String json) {
        return catchThrowableOfType(() -> parse(json), InvalidRegradeException.class).violations();
    }
}
