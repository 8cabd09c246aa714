package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readyOnlyWithKafkaReachableAndResultsReplayed() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("read path", "Kafka connection health check", "grading intake"))
                .body("checks.find { it.name == 'grading intake' }.data.running", equalTo(true));
    }

    @Test
    void webPageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200)
                .contentType("text/html")
                .header("Cache-Control", containsString("max-age=0"))
                .body("html.head.title", equalTo("GradeStream"));
    }
}
