package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-path instance that saw nothing live: it starts after the submissions were graded (or while one
 * is running) on another instance, shares only the Kafka cluster, and still serves each verdict and each
 * complete stream, found in the topics by key and by the time in the id.
 */
class SecondInstanceIT {
    /** Twelve tests of 2.4 s: ~29 s, longer than the second instance takes to boot on a loaded machine. */
    private static final String SLOW_TESTS = IntStream.rangeClosed(1, 12)
            .mapToObj(n -> "assert(nap(" + n + ") == " + n + ");").collect(Collectors.joining("\\n"));

    @TempDir
    Path firstData;
    @TempDir
    Path secondData;

    @Test
    void anInstanceThatNeverSawTheEventsLiveServesTheWholeStreamAndTheVerdict() throws Exception {
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile("gradestream-second-instance-", ".log");
        try (AppProcess first = AppProcess.start(firstData, AppProcess.freePort(), kafkaPort, log)) {
            first.awaitReady(Duration.ofSeconds(90));
            HttpResponse<String> graded = first.postJson("/submit", "{\"code\": \"int add(int a, int b) { return a + b; }\", "
                    + "\"tests\": \"assert(add(1, 2) == 3);\\nassert(add(2, 2) == 5);\\nassert(add(0, 0) == 0);\"}");
            assertThat(graded.statusCode()).as(graded.body()).isEqualTo(200);
            JsonNode verdict = Json.mapper().readTree(graded.body());
            String finished = verdict.path("id").asText();
            List<String> finishedStream = eventLines(first, finished, null);
            // Only the read path: the executor is off, so the second instance grades nothing itself.
            try (AppProcess second = AppProcess.start(secondData, AppProcess.freePort(), AppProcess.freePort(), log,
                    List.of("-Dkafka.bootstrap.servers=localhost:" + kafkaPort,
                            "-Dgradestream.executor.enabled=false"))) {
                // Starts while the second instance boots (its first events come before that can tail them)
                // and is still running once it is ready.
                HttpResponse<String> accepted = first.postJson("/submissions", "{\"code\": \"#include <unistd.h>\\n"
                        + "int nap(int x) { usleep(2400000); return x; }\", \"tests\": \"" + SLOW_TESTS + "\", "
                        + "\"perTestTimeout\": 10, \"timeout\": 60, \"valgrind\": false}");
                String running = Json.mapper().readTree(accepted.body()).path("id").asText();
                second.awaitReady(Duration.ofSeconds(90));

                HttpResponse<String> stored = second.get("/submissions/" + finished);
                assertThat(stored.statusCode()).isEqualTo(200);
                assertThat(Json.mapper().readTree(stored.body())).isEqualTo(verdict);
                assertThat(eventLines(second, finished, null)).isEqualTo(finishedStream)
                        .filteredOn(line -> line.startsWith("event:"))
                        .containsExactly("event:started", "event:compiled", "event:test-passed", "event:test-failed",
                                "event:test-passed", "event:run-finished", "event:valgrind", "event:completed");
                // Resume in the middle, on the instance that never saw it: exactly the rest.
                String afterCompiled = finishedStream.get(2).substring("id:".length());
                assertThat(eventLines(second, finished, afterCompiled)).isEqualTo(finishedStream.subList(4, finishedStream.size()));

                assertThat(second.get("/submissions/" + running).statusCode()).as("still running").isEqualTo(202);
                List<String> joinedMidway = eventLines(second, running, null);
                assertThat(joinedMidway).isEqualTo(eventLines(first, running, null))
                        .filteredOn(line -> line.startsWith("event:")).hasSize(16).endsWith("event:completed");

                assertThat(second.get("/submissions/" + Ids.newSubmissionId()).statusCode()).isEqualTo(404);
                assertThat(second.get("/submissions/" + Ids.newSubmissionId() + "/events").statusCode()).isEqualTo(404);
                assertThat(second.get("/submissions/not-an-id").statusCode()).isEqualTo(404);
                // gradestream.executor.enabled=false: no intake at all, and readiness says so.
                JsonNode intake = null;
                for (JsonNode check : Json.mapper().readTree(second.get("/q/health/ready").body()).path("checks")) {
                    intake = check.path("name").asText().equals("grading intake") ? check : intake;
                }
                assertThat(intake).as("the grading intake's check").isNotNull();
                assertThat(intake.path("data").path("enabled").asBoolean(true)).isFalse();
                second.stop();
            }
            first.stop();
        }
    }

    /** The id: and event: lines of a submission's stream, read to its end, after lastEventId if given. */
    private static List<String> eventLines(AppProcess app, String id, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/submissions/" + id + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ArrayList<>(response.body().filter(line -> line.startsWith("id:") || line.startsWith("event:")).toList());
    }
}
