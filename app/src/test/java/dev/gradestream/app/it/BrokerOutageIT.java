package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations as an orchestrator sees the packaged app: JSON log lines that name the submission, and a
 * broker outage that makes the grader not ready (so it gets no traffic) but never not live (a restart
 * would not bring the broker back).
 */
class BrokerOutageIT {
    @TempDir
    Path frontData;
    @TempDir
    Path graderData;

    @Test
    void aBrokerOutageTakesReadinessDownButNotLiveness() throws Exception {
        // Short Kafka timeouts, so a send during the outage fails within seconds rather than minutes.
        List<String> quickFailures = List.of("-Dkafka.max.block.ms=3000", "-Dkafka.request.timeout.ms=2000",
                "-Dkafka.delivery.timeout.ms=5000");
        try (BrokerAndGrader apps = BrokerAndGrader.start(frontData, graderData, "gradestream-outage-", quickFailures)) {
            AppProcess grader = apps.grader();
            HttpResponse<String> graded = grader.postJson("/submit",
                    "{\"code\": \"int one(void) { return 1; }\", \"tests\": \"assert(one() == 1);\", \"valgrind\": false}");
            assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
            String id = Json.mapper().readTree(graded.body()).path("id").asText();
            JsonNode graderLine = awaitLogLine(apps.log(), id);
            assertThat(graderLine.path("level").asText()).isEqualTo("INFO");
            assertThat(graderLine.path("mdc").path("attempt").asText()).matches("[0-9a-f-]{36}");
            assertThat(graderLine.path("mdc").path("traceId").asText()).matches("[0-9a-f]{32}");

            apps.killFront();
            // A send while the broker is gone fails: the kind of failure SmallRye's liveness never forgets.
            HttpResponse<String> refused = grader.postJson("/submissions", "{\"code\": \"int main(void) { return 0; }\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);

            JsonNode ready = awaitHealth(grader, "/q/health/ready", 503);
            assertThat(ready.path("status").asText()).isEqualTo("DOWN");
            assertThat(check(ready, "Kafka connection health check").path("status").asText()).isEqualTo("DOWN");

            HttpResponse<String> live = grader.get("/q/health/live");
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            JsonNode liveness = Json.mapper().readTree(live.body());
            assertThat(liveness.path("status").asText()).isEqualTo("UP");
            assertThat(liveness.path("checks")).allSatisfy(check -> assertThat(check.path("status").asText())
                    .as("%s", check).isEqualTo("UP"));
            apps.killGrader();
        }
    }

    /** The grader's JSON line saying it graded {@code id}. */
    private static JsonNode awaitLogLine(Path log, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> line = Files.readAllLines(log).stream()
                    .filter(text -> text.startsWith("{") && text.contains(id))
                    .map(BrokerOutageIT::json)
                    .filter(node -> node.path("message").asText().startsWith("graded: passed in "))
                    .filter(node -> id.equals(node.path("mdc").path("submissionId").asText()))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no JSON log line says " + id + " was graded, in " + log);
    }

    private static JsonNode awaitHealth(AppProcess app, String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = app.get(path);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = app.get(path);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + health);
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
