package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /submit never hangs: past its budget it answers 202 with where the verdict will be. */
@QuarkusTest
class SlowVerdictTest {

    @Test
    void verdictSlowerThanTheBudgetIs202WithItsLocation() throws InterruptedException {
        // timeout 1 s: the budget is 2 s (the test profile has no margin); the native run takes ~0.9 s
        // and Valgrind runs it again much slower, so the verdict comes after the budget.
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("code", "#include <unistd.h>\nint nap(void) { usleep(900000); return 1; }",
                        "tests", "assert(nap() == 1);", "timeout", 1, "perTestTimeout", 1))
                .post("/submit");
        response.then().statusCode(202);
        String location = response.header("Location");
        String id = response.path("id");
        assertThat(location).endsWith("/submissions/" + id);

        // The verdict arrives there in the end.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/submissions/" + id).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        given().get("/submissions/" + id).then().statusCode(200).body("status", equalTo("passed"));
    }
}
