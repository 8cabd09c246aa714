package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grading process dies with SIGKILL in the middle of a batch and comes back: every submission still
 * gets exactly one final verdict. The broker lives in another process, so only the grader dies.
 */
class CrashRecoveryIT {
    private static final int BATCH = 100;
    private static final int KILL_AFTER_VERDICTS = 25;

    @TempDir
    Path frontData;
    @TempDir
    Path graderData;

    @Test
    void everySubmissionHasExactlyOneFinalVerdictAfterTheGraderIsKilledMidBatch() throws Exception {
        // The killed member must leave the group soon, or the restarted one waits 45 s for it.
        try (BrokerAndGrader apps = BrokerAndGrader.start(frontData, graderData, "gradestream-crash-",
                List.of("-Dgradestream.executor.session-timeout=6s"))) {
            Map<String, Integer> failingTestOf = new HashMap<>();
            for (int i = 0; i < BATCH; i++) {
                // Every third submission fails its second test, so each verdict says whose it is.
                String expected = i % 3 == 0 ? String.valueOf(i + 1) : String.valueOf(i);
                HttpResponse<String> accepted = apps.front().postJson("/submissions", "{\"code\": \"int f(void) { return "
                        + i + "; }\", \"tests\": \"assert(f() == " + i + ");\\nassert(f() == " + expected + ");\", "
                        + "\"valgrind\": false}");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                failingTestOf.put(Json.mapper().readTree(accepted.body()).path("id").asText(), i % 3 == 0 ? 2 : 0);
            }
            int doneAtKill = apps.awaitVerdicts(failingTestOf.keySet(), KILL_AFTER_VERDICTS, Duration.ofSeconds(120));
            String killedJobs = "p" + apps.graderPid() + "."; // p<pid>.<start>-<attempt>
            apps.killGrader();
            System.out.printf("grader killed with %d of %d verdicts in, leaving %d job directories%n", doneAtKill, BATCH,
                    jobDirectoriesStartingWith(apps.graderJobs(), killedJobs).size());
            assertThat(doneAtKill).as("killed mid-batch").isLessThan(BATCH);

            apps.startGrader();
            assertThat(apps.awaitVerdicts(failingTestOf.keySet(), BATCH, Duration.ofSeconds(180))).isEqualTo(BATCH);
            assertThat(jobDirectoriesStartingWith(apps.graderJobs(), killedJobs)).as("swept at restart").isEmpty();

            for (Map.Entry<String, Integer> submission : failingTestOf.entrySet()) {
                JsonNode verdict = Json.mapper().readTree(apps.front().get("/submissions/" + submission.getKey()).body());
                boolean fails = submission.getValue() != 0;
                // The status too: a grading that broke in the sandbox also has no failed tests.
                assertThat(verdict.path("status").asText()).as(submission.getKey()).isEqualTo(fails ? "failed" : "passed");
                assertThat(verdict.path("failed_tests")).as(submission.getKey())
                        .hasToString(fails ? "[" + submission.getValue() + "]" : "[]");
            }
            assertEachHasOneFinalVerdict(apps, failingTestOf.keySet());
        }
    }

    private static List<String> jobDirectoriesStartingWith(Path jobs, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(jobs)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> name.startsWith(prefix)).toList();
        }
    }

    /**
     * On the topics: {@code verdicts} holds every id and no other, and in {@code results} each id's
     * latest attempt ends with exactly one {@code completed}. Jobs cut by the kill ran again as a new
     * attempt, which is what at-least-once delivery with attempts looks like.
     */
    private static void assertEachHasOneFinalVerdict(BrokerAndGrader apps, Set<String> ids) throws IOException {
        Map<String, Integer> verdictRecords = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : apps.readAll("verdicts")) {
            verdictRecords.merge(record.key(), 1, Integer::sum);
        }
        assertThat(verdictRecords.keySet()).containsExactlyInAnyOrderElementsOf(ids);

        Map<String, String> latestAttempt = new HashMap<>();
        Map<String, Integer> completedInAttempt = new HashMap<>();
        Map<String, Set<String>> attempts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : apps.readAll("results")) {
            JsonNode event = Json.mapper().readTree(record.value());
            String id = record.key();
            String attempt = event.path("attempt").asText();
            attempts.computeIfAbsent(id, k -> new HashSet<>()).add(attempt);
            if (latestAttempt.merge(id, attempt, (a, b) -> a.compareTo(b) >= 0 ? a : b).equals(attempt)
                    && event.path("type").asText().equals("completed")) {
                completedInAttempt.merge(id + "/" + attempt, 1, Integer::sum);
            }
        }
        for (String id : ids) {
            assertThat(completedInAttempt.get(id + "/" + latestAttempt.get(id))).as("completed in the latest attempt of " + id)
                    .isEqualTo(1);
        }
        long rerun = attempts.values().stream().filter(set -> set.size() > 1).count();
        long duplicateVerdicts = verdictRecords.values().stream().filter(count -> count > 1).count();
        System.out.printf("re-run after the kill: %d submissions; verdict records written twice: %d%n", rerun, duplicateVerdicts);
    }
}
