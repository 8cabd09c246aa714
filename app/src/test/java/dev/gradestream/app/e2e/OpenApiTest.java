package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The published API description says what the endpoints really take and give, not "binary". */
@QuarkusTest
class OpenApiTest {

    @Test
    void submitTakesASubmissionAndAnswersTheSeedsVerdict() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/submit'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("/Submission"))
                .body("paths.'/submit'.post.responses.'200'.content.'application/json'.schema.'$ref'",
                        endsWith("/Verdict"))
                .body("paths.'/submit'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/submissions'.post.responses.'202'", notNullValue())
                .body("paths.'/submissions/{id}'.get.responses.'404'", notNullValue())
                .body("paths.'/submissions/{id}/events'.get", notNullValue())
                .body("components.schemas.Submission.properties.keySet()",
                        hasItems("code", "tests", "timeout", "perTestTimeout", "whitelisted", "blacklisted"))
                .body("components.schemas.Verdict.properties.keySet()",
                        hasItems("build", "compile", "run", "output", "compilation_time", "run_time", "valgrind",
                                "formatted_response", "failed_tests"));
    }
}
