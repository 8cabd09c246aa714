package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.app.e2e.OpenApiBodies.Body;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published API description says what the endpoints really take and give, not "binary". */
@QuarkusTest
class OpenApiTest {
    private static final String VERDICT_SCHEMA = "urn:gradestream:schema:1:verdict";

    private static JsonNode document() throws IOException {
        return Json.mapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray());
    }

    @Test
    void submitTakesASubmissionAndAnswersTheSeedsVerdict() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/submit'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("/Submission"))
                .body("paths.'/submit'.post.responses.'200'.content.'application/json'.schema.'$ref'",
                        endsWith("/Verdict"))
                .body("paths.'/submit'.post.responses.keySet()", containsInAnyOrder("200", "202", "400", "413", "415", "429", "500", "503"))
                .body("paths.'/submissions'.post.responses.keySet()",
                        containsInAnyOrder("202", "400", "413", "415", "429", "503"))
                .body("paths.'/submissions'.post.responses.'429'.headers.'Retry-After'.schema.type", equalTo("integer"))
                .body("paths.'/submit'.post.responses.'503'.headers.'Retry-After'.schema.type", equalTo("integer"))
                .body("paths.'/submit'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/submissions'.post.responses.'413'.content.'application/problem+json'", notNullValue())
                .body("paths.'/submissions'.post.responses.'202'.content.'application/json'.schema.'$ref'",
                        endsWith("/SubmissionLinks"))
                .body("paths.'/submissions/{id}'.get.responses.'202'.content.'application/json'.schema.'$ref'",
                        endsWith("/SubmissionProgress"))
                .body("paths.'/submissions/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/submissions/{id}/events'.get", notNullValue())
                .body("components.schemas.Submission.properties.keySet()",
                        hasItems("code", "tests", "timeout", "perTestTimeout", "whitelisted", "blacklisted"))
                .body("components.schemas.Verdict.properties.keySet()",
                        hasItems("build", "compile", "run", "output", "compilation_time", "run_time", "valgrind",
                                "formatted_response", "failed_tests"));
    }

    @Test
    void regradesTakeARequestAndAnswerLinksAReportAndProgress() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/regrades'.post.requestBody.content.'application/json'.schema.'$ref'", endsWith("/RegradeRequest"))
                .body("paths.'/regrades'.post.responses.keySet()", containsInAnyOrder("202", "400"))
                .body("paths.'/regrades'.post.responses.'202'.content.'application/json'.schema.'$ref'", endsWith("/RegradeLinks"))
                .body("paths.'/regrades/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'", endsWith("/RegradeReport"))
                .body("paths.'/regrades/{id}'.get.responses.'404'.content.'application/problem+json'", notNullValue())
                .body("paths.'/regrades/{id}/events'.get.responses.'200'.content.'text/event-stream'.schema.'$ref'",
                        endsWith("/RegradeProgress"))
                .body("components.schemas.RegradeRequest.required", containsInAnyOrder("from", "reason"))
                .body("components.schemas.RegradeState.enum", equalTo(List.of("selecting", "grading", "done", "failed")))
                // Each problem example is shown only where that problem is answered.
                .body("paths.'/regrades/{id}'.get.responses.'404'.content.'application/problem+json'.examples.keySet()",
                        containsInAnyOrder("unknown-regrade"))
                .body("paths.'/submissions/{id}'.get.responses.'404'.content.'application/problem+json'.examples.keySet()",
                        containsInAnyOrder("unknown-submission"))
                .body("paths.'/regrades'.post.responses.'400'.content.'application/problem+json'.examples.keySet()",
                        containsInAnyOrder("invalid-regrade"))
                .body("paths.'/submissions'.post.responses.'400'.content.'application/problem+json'.examples.keySet()",
                        containsInAnyOrder("invalid-submission", "malformed-json", "empty-body"));
    }

    @Test
    void everyRequestAndResponseBodyHasExamples() throws IOException {
        JsonNode document = document();
        List<Body> bodies = OpenApiBodies.of(document);

        assertThat(bodies).extracting(Body::toString).contains("POST /submit request application/json",
                "POST /submit 200 text/event-stream", "GET /submissions/{id}/events 200 text/event-stream");
        assertThat(bodies).filteredOn(body -> body.examples(document).isEmpty()).as("bodies without examples")
                .isEmpty();
    }

    @Test
    void everyEventStreamHasOneExamplePerEventType() throws IOException {
        JsonNode document = document();
        List<String> wireNames = Arrays.stream(EventType.values()).map(EventType::wireName).toList();
        List<Body> streams = OpenApiBodies.of(document).stream()
                .filter(body -> body.mediaType().equals("text/event-stream")).toList();

        assertThat(streams).extracting(Body::operation)
                .containsExactlyInAnyOrder("POST /submit", "GET /submissions/{id}/events", "GET /regrades/{id}/events");
        for (Body stream : streams) {
            Map<String, JsonNode> examples = stream.examples(document);
            if (stream.operation().startsWith("GET /regrades")) {
                assertThat(examples.keySet()).as(stream.toString())
                        .containsExactlyInAnyOrder("regrade-progress", "regrade-completed");
                assertThat(examples.get("regrade-progress").path("state").asText()).isEqualTo("grading");
                assertThat(examples.get("regrade-completed").path("state").asText()).isEqualTo("done");
                continue;
            }
            assertThat(examples.keySet()).as(stream.toString()).containsExactlyInAnyOrderElementsOf(wireNames);
            examples.forEach((name, event) -> assertThat(event.path("type").asText()).as(name).isEqualTo(name));
        }
    }

    @Test
    void everyExampleIsValidAgainstTheContractsSchemas() throws IOException {
        JsonNode document = document();
        ContractSchemas schemas = new ContractSchemas(document);
        List<String> errors = new ArrayList<>();
        int validatedByProtocol = 0;

        for (Body body : OpenApiBodies.of(document)) {
            for (Map.Entry<String, JsonNode> example : body.examples(document).entrySet()) {
                String where = body + " example '" + example.getKey() + "': ";
                JsonNode value = example.getValue();
                if (body.schema().isEmpty()) {
                    errors.add(where + "the body's schema is not a component, so there is nothing to check it against");
                    continue;
                }
                schemas.errors(value, body.schema()).forEach(error -> errors.add(where + error));
                validatedByProtocol += ContractSchemas.hasProtocolSchema(body.schema()) ? 1 : 0;
                dataErrors(schemas, body, value).forEach(error -> errors.add(where + "data: " + error));
                if (body.mediaType().equals(Problem.MEDIA_TYPE)
                        && !value.path("status").asText().equals(body.status())) {
                    errors.add(where + "a problem with status " + value.path("status") + " under " + body.status());
                }
            }
        }

        assertThat(validatedByProtocol).as("examples checked against the protocol's schemas").isPositive();
        assertThat(errors).isEmpty();
    }

    /** The contract's schema leaves StageEvent.data open; for these types it names the shape elsewhere. */
    private static List<String> dataErrors(ContractSchemas schemas, Body body, JsonNode event) {
        if (!body.schema().equals("StageEvent")) {
            return List.of();
        }
        return switch (EventType.fromWireName(event.path("type").asText())) {
            case COMPLETED -> schemas.errorsAgainst(event.get("data"), VERDICT_SCHEMA);
            case TEST_PASSED, TEST_FAILED -> schemas.errorsAgainst(event.get("data"), VERDICT_SCHEMA + "#/$defs/testResult");
            default -> List.of();
        };
    }
}
