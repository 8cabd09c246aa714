package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regrade survives the app being killed mid-way: started again on the same data directory, it goes on
 * where it stopped and completes, with every selected submission republished once and reported once.
 */
class RegradeRestartIT {
    private static final int SUBMISSIONS = 20;
    private static final String TESTS = "assert(add(1, 2) == 3);\\nassert(add(2, 2) == 5);";
    private static final String FIXED = "assert(add(1, 2) == 3);\\nassert(add(2, 2) == 4);";
    /** The killed instance's place in the executors' group is given up this soon, not after the default 45 s. */
    private static final List<String> QUICK_RECOVERY = List.of("-Dgradestream.executor.session-timeout=6s");

    @TempDir
    Path dataDir;

    @Test
    void aRegradeKilledMidwayCompletesAfterARestartWithoutDuplicates() throws Exception {
        int httpPort = AppProcess.freePort();
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile("gradestream-regrade-restart-", ".log");
        List<String> ids = new ArrayList<>();
        String regrade;
        int gradedAtKill;
        Instant start = Instant.now();
        try (AppProcess app = AppProcess.start(dataDir, httpPort, kafkaPort, log, QUICK_RECOVERY)) {
            app.awaitReady(Duration.ofSeconds(90));
            for (int i = 0; i < SUBMISSIONS; i++) {
                // Valgrind on: about half a second a grading, so the kill lands mid-regrade.
                HttpResponse<String> posted = app.postJson("/submissions", "{\"code\": \"int add(int a, int b) { return a + b; }\", "
                        + "\"tests\": \"" + TESTS + "\", \"metadata\": {\"assignment\": \"lab1\"}}");
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                ids.add(Json.mapper().readTree(posted.body()).path("id").asText());
            }
            for (String id : ids) {
                awaitStatus(app, "/submissions/" + id, 200, Duration.ofSeconds(120));
            }
            HttpResponse<String> accepted = app.postJson("/regrades", "{\"from\": \"" + start + "\", "
                    + "\"filter\": {\"assignment\": \"lab1\"}, \"tests\": \"" + FIXED + "\", \"reason\": \"test 2 was wrong\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            regrade = Json.mapper().readTree(accepted.body()).path("id").asText();
            gradedAtKill = awaitGraded(app, regrade, 3, Duration.ofSeconds(120));
            app.kill();
        }
        assertThat(gradedAtKill).as("killed mid-regrade").isLessThan(SUBMISSIONS);

        try (AppProcess app = AppProcess.start(dataDir, httpPort, kafkaPort, log, QUICK_RECOVERY)) {
            app.awaitReady(Duration.ofSeconds(90));
            JsonNode report = awaitDone(app, regrade, Duration.ofSeconds(180));
            System.out.printf("regrade killed after %d of %d graded; after the restart: %s%n", gradedAtKill, SUBMISSIONS,
                    report.path("counts"));
            JsonNode counts = report.path("counts");
            assertThat(List.of(counts.path("selected").asInt(), counts.path("graded").asInt(), counts.path("changed").asInt(),
                    counts.path("errors").asInt(), counts.path("pending").asInt()))
                    .containsExactly(SUBMISSIONS, SUBMISSIONS, SUBMISSIONS, 0, 0);
            Set<String> reported = new HashSet<>();
            report.path("submissions").forEach(entry -> {
                reported.add(entry.path("submissionId").asText());
                assertThat(entry.path("before").path("failedTests").toString()).isEqualTo("[2]");
                assertThat(entry.path("after").path("failedTests").toString()).isEqualTo("[]");
            });
            assertThat(reported).containsExactlyInAnyOrderElementsOf(ids);

            Map<String, Integer> republished = new HashMap<>();
            int regradeCompletions = 0;
            for (ConsumerRecord<String, byte[]> record : TopicDump.readAll(kafkaPort, Topics.SUBMISSIONS_REGRADE)) {
                if (regrade.equals(Headers.text(record.headers(), Headers.REGRADE))) {
                    republished.merge(record.key(), 1, Integer::sum);
                }
            }
            for (ConsumerRecord<String, byte[]> record : TopicDump.readAll(kafkaPort, Topics.RESULTS)) {
                if (regrade.equals(Headers.text(record.headers(), Headers.REGRADE))
                        && Json.mapper().readTree(record.value()).path("type").asText().equals("completed")) {
                    regradeCompletions++;
                }
            }
            assertThat(republished.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(republished.values()).as("each selected submission republished once").containsOnly(1);
            // A job running at the kill may have finished once before and run again after; no more.
            assertThat(regradeCompletions).as("completed events of the regrade").isBetween(SUBMISSIONS, SUBMISSIONS + 2);
            app.stop();
        }
    }

    private static void awaitStatus(AppProcess app, String path, int status, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (app.get(path).statusCode() != status) {
            assertThat(System.nanoTime()).as(path + " answering " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int awaitGraded(AppProcess app, String regrade, int atLeast, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            int graded = Json.mapper().readTree(app.get("/regrades/" + regrade).body()).path("counts").path("graded").asInt();
            if (graded >= atLeast) {
                return graded;
            }
            assertThat(System.nanoTime()).as("regrade graded " + atLeast).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode awaitDone(AppProcess app, String regrade, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            HttpResponse<String> response = app.get("/regrades/" + regrade);
            if (response.statusCode() == 200) {
                JsonNode report = Json.mapper().readTree(response.body());
                if (report.path("state").asText().equals("done")) {
                    return report;
                }
            }
            assertThat(System.nanoTime()).as("regrade done; last answer " + response.body()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
