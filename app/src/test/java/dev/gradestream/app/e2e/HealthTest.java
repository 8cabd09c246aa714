package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

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
    void livenessAsksNothingOfKafka() {
        given().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                // Messaging's liveness check is there, with every channel filtered out of it.
                .body("checks.name", contains("SmallRye Reactive Messaging - liveness check"))
                .body("checks[0].data", nullValue());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.keySet()",
                        containsInAnyOrder("submissions-out", "dead-letters-out", "results-in", "results-out",
                                "verdicts-in", "verdicts-out", "regrades-in", "regrade-queue-in"));
    }

    @Test
    void webPageIsServedAtTheRoot() {
        given().get("/").then().statusCode(200)
                .contentType("text/html")
                .header("Cache-Control", containsString("max-age=0"))
                .body("html.head.title", equalTo("GradeStream"));
    }
}
