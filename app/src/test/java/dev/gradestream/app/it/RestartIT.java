package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app, stopped with SIGTERM and started again on the same data directory, still has
 * everything: the verdict, and the whole event stream for a reader who comes only now.
 */
class RestartIT {

    @TempDir
    Path dataDir;

    @Test
    void verdictsAndStreamsSurviveARestartOnTheSameDataDirectory() throws Exception {
        int httpPort = AppProcess.freePort();
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile("gradestream-restart-", ".log");
        String id;
        List<String> streamBefore;
        JsonNode verdictBefore;
        try (AppProcess app = AppProcess.start(dataDir, httpPort, kafkaPort, log)) {
            app.awaitReady(Duration.ofSeconds(90));
            HttpResponse<String> posted = app.postJson("/submit", "{\"code\": \"int add(int a, int b) { return a + b; }\", "
                    + "\"tests\": \"assert(add(1, 2) == 3);\\nassert(add(2, 2) == 5);\"}");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            verdictBefore = Json.mapper().readTree(posted.body());
            id = verdictBefore.path("id").asText();
            assertThat(verdictBefore.path("failed_tests")).hasToString("[2]");
            streamBefore = eventLines(app, id);
            assertThat(app.stop()).as("exit status after SIGTERM").isIn(0, 143);
        }

        try (AppProcess app = AppProcess.start(dataDir, httpPort, kafkaPort, log)) {
            long readyMs = app.awaitReady(Duration.ofSeconds(90));
            System.out.printf("restart on the same data dir: ready after %d ms%n", readyMs);
            // Ready means replayed: the old verdict answers at once, no polling.
            HttpResponse<String> verdict = app.get("/submissions/" + id);
            assertThat(verdict.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(verdict.body())).isEqualTo(verdictBefore);
            // A reader who comes only now gets the same complete stream.
            assertThat(eventLines(app, id)).isEqualTo(streamBefore)
                    .filteredOn(line -> line.startsWith("event:"))
                    .containsExactly("event:started", "event:compiled", "event:test-passed", "event:test-failed",
                            "event:run-finished", "event:valgrind", "event:completed");
            app.stop();
        }
    }

    /** The id: and event: lines of a submission's stream, read to its end. */
    private static List<String> eventLines(AppProcess app, String id) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(app.uri("/submissions/" + id + "/events")).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        return response.body().filter(line -> line.startsWith("id:") || line.startsWith("event:")).toList();
    }
}
