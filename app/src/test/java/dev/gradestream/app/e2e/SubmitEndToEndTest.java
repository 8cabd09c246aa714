package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole path through the real embedded broker: HTTP in, executor, results, HTTP and SSE out. */
@QuarkusTest
class SubmitEndToEndTest {
    static final String ADD = "int add(int a, int b) {\n    return a + b;\n}\n";

    @TestHTTPResource("/")
    URI base;

    @Test
    void passingSubmissionReturnsTheSeedsNineFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", ADD, "tests", "assert(add(1, 2) == 3);\nassert(add(-1, 1) == 0);"))
                .when().post("/submit")
                .then().statusCode(200)
                .body("$", hasKey("build")).body("$", hasKey("compile")).body("$", hasKey("run"))
                .body("$", hasKey("output")).body("$", hasKey("compilation_time")).body("$", hasKey("run_time"))
                .body("$", hasKey("valgrind")).body("$", hasKey("formatted_response")).body("$", hasKey("failed_tests"))
                .body("status", equalTo("passed"))
                .body("build", equalTo(true)).body("compile", equalTo(true)).body("run", equalTo(true))
                .body("failed_tests", equalTo(List.of()))
                .body("tests.status", equalTo(List.of("passed", "passed")));
    }

    @Test
    void failingSubmissionNamesExactlyTheFailedTests() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", ADD, "tests", "assert(add(1, 2) == 3);\nassert(add(2, 2) == 5);\n\nassert(add(0, 0) == 1);"))
                .when().post("/submit")
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("failed_tests", equalTo(List.of(2, 3)))
                .body("tests.status", equalTo(List.of("passed", "failed", "failed")));
    }

    @Test
    void compileErrorIsReportedOnTheUsersOwnLine() {
        String code = "int add(int a, int b) {\n    int c = a + d;\n    return c;\n}\n";
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "tests", "assert(add(1, 2) == 3);"))
                .when().post("/submit");
        response.then().statusCode(200)
                .body("status", equalTo("compile_error"))
                .body("compile", equalTo(false)).body("build", equalTo(false)).body("run", equalTo(false))
                .body("formatted_response.find { it.severity == 'error' }.line", equalTo(2))
                .body("formatted_response.find { it.severity == 'error' }.column", equalTo(17))
                .body("formatted_response.find { it.severity == 'error' }.file", equalTo("code"))
                .body("formatted_response.find { it.severity == 'error' }.message", matchesPattern("[‘']d[’'] undeclared.*"));
    }

    @Test
    void sseStreamCarriesEveryStageInOrderAndEnds() throws Exception {
        String body = Json.mapper().writeValueAsString(
                Map.of("code", ADD, "tests", "assert(add(1, 2) == 3);\nassert(add(2, 2) == 5);"));
        List<SseClient.Event> events = SseClient.post(base.resolve("/submit"), body);

        assertThat(events).extracting(SseClient.Event::name).containsExactly(
                "started", "compiled", "test-passed", "test-failed", "run-finished", "valgrind", "completed");
        assertThat(events).extracting(SseClient.Event::id).allMatch(id -> id.matches("[0-9a-f-]{36}/\\d+"));
        JsonNode failed = Json.mapper().readTree(events.get(3).data());
        assertThat(failed.path("data").path("n").asInt()).isEqualTo(2);
        JsonNode completed = Json.mapper().readTree(events.get(6).data());
        assertThat(completed.path("seq").asInt()).isEqualTo(7);
        assertThat(completed.path("data").path("failed_tests")).hasToString("[2]");
    }

    @Test
    void acceptedSubmissionCanBeFollowedAndFetchedLater() throws Exception {
        Response accepted = given().contentType(ContentType.JSON)
                .body(Map.of("code", ADD, "tests", "assert(add(2, 3) == 5);"))
                .when().post("/submissions");
        accepted.then().statusCode(202).header("Location", containsString("/submissions/"));
        String id = accepted.path("id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        List<SseClient.Event> live = SseClient.get(base.resolve("/submissions/" + id + "/events"));
        assertThat(live).extracting(SseClient.Event::name).containsExactly(
                "started", "compiled", "test-passed", "run-finished", "valgrind", "completed");

        // A late joiner, after completion, gets the same complete stream.
        List<SseClient.Event> late = SseClient.get(base.resolve("/submissions/" + id + "/events"));
        assertThat(late).isEqualTo(live);

        given().get("/submissions/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("passed"));
    }

    @Test
    void unknownSubmissionIs404ProblemJson() {
        given().get("/submissions/0192f000-0000-7000-8000-000000000000")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("0192f000-0000-7000-8000-000000000000"));
    }

    @Test
    void invalidSubmissionIs400NamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("code", "  ", "timeout", 0))
                .when().post("/submit")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("code"))
                .body("violations.field", hasItem("timeout"));
    }

    @Test
    void malformedJsonIs400SayingWhere() {
        given().contentType(ContentType.JSON).body("{\"code\": \"int x;\",")
                .when().post("/submissions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line 1"));
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "x".repeat(1_100_000);
        given().contentType(ContentType.JSON).body(Map.of("code", huge))
                .when().post("/submit")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("limit is 1048576 bytes"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("int add(int a, int b) { return a + b; }")
                .when().post("/submit")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("application/json"));
    }
}
