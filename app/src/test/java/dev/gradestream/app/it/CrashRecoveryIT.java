package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grading process dies with SIGKILL in the middle of a batch and comes back: every submission still
 * gets exactly one final verdict. The broker lives in another process (an instance with its executor
 * switched off, which also serves the reads), so only the grader dies.
 */
class CrashRecoveryIT {
    private static final int BATCH = 100;
    private static final int KILL_AFTER_VERDICTS = 25;

    @TempDir
    Path brokerData;
    @TempDir
    Path graderData;

    @Test
    void everySubmissionHasExactlyOneFinalVerdictAfterTheGraderIsKilledMidBatch() throws Exception {
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile("gradestream-crash-", ".log");
        try (AppProcess front = AppProcess.start(brokerData, AppProcess.freePort(), kafkaPort, log,
                List.of("-Dmp.messaging.incoming.submissions-in.enabled=false"))) {
            front.awaitReady(Duration.ofSeconds(90));
            // The sandbox user must be able to reach the job directories under it (@TempDir is 0700).
            Files.setPosixFilePermissions(graderData, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> graderProperties = List.of("-Dkafka.bootstrap.servers=localhost:" + kafkaPort,
                    // Its own job directory: a killed grader leaves its jobs' files behind, and they must not
                    // end up among other tests' in the shared default.
                    "-Dgradestream.executor.work-dir=" + graderData.resolve("jobs"),
                    // The killed member must leave the group soon, or the restarted one waits 45 s for it.
                    "-Dmp.messaging.incoming.submissions-in.session.timeout.ms=6000");
            int graderHttp = AppProcess.freePort();
            AppProcess grader = AppProcess.start(graderData, graderHttp, AppProcess.freePort(), log, graderProperties);
            try {
                grader.awaitReady(Duration.ofSeconds(90));
                Map<String, Integer> failingTestOf = new HashMap<>();
                for (int i = 0; i < BATCH; i++) {
                    // Every third submission fails its second test, so each verdict says whose it is.
                    String expected = i % 3 == 0 ? String.valueOf(i + 1) : String.valueOf(i);
                    HttpResponse<String> accepted = front.postJson("/submissions", "{\"code\": \"int f(void) { return " + i
                            + "; }\", \"tests\": \"assert(f() == " + i + ");\\nassert(f() == " + expected + ");\", \"valgrind\": false}");
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    failingTestOf.put(Json.mapper().readTree(accepted.body()).path("id").asText(), i % 3 == 0 ? 2 : 0);
                }
                int doneAtKill = awaitVerdicts(front, failingTestOf.keySet(), KILL_AFTER_VERDICTS, Duration.ofSeconds(120));
                grader.kill();
                System.out.printf("grader killed with %d of %d verdicts in%n", doneAtKill, BATCH);
                assertThat(doneAtKill).as("killed mid-batch").isLessThan(BATCH);

                grader = AppProcess.start(graderData, graderHttp, AppProcess.freePort(), log, graderProperties);
                assertThat(awaitVerdicts(front, failingTestOf.keySet(), BATCH, Duration.ofSeconds(180))).isEqualTo(BATCH);

                for (Map.Entry<String, Integer> submission : failingTestOf.entrySet()) {
                    JsonNode verdict = Json.mapper().readTree(front.get("/submissions/" + submission.getKey()).body());
                    assertThat(verdict.path("failed_tests")).as(submission.getKey())
                            .hasToString(submission.getValue() == 0 ? "[]" : "[" + submission.getValue() + "]");
                }
                assertEachHasOneFinalVerdict(kafkaPort, failingTestOf.keySet());
                grader.stop();
            } finally {
                grader.close();
            }
            front.stop();
        }
    }

    /** How many of the ids answer 200, once at least {@code atLeast} do. */
    private static int awaitVerdicts(AppProcess app, Set<String> ids, int atLeast, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        Set<String> done = new HashSet<>();
        while (System.nanoTime() < deadline) {
            for (String id : ids) {
                if (!done.contains(id) && app.get("/submissions/" + id).statusCode() == 200) {
                    done.add(id);
                }
            }
            if (done.size() >= atLeast) {
                return done.size();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("only " + done.size() + " of " + ids.size() + " verdicts within " + atMost);
    }

    /**
     * On the topics: {@code verdicts} holds every id and no other, and in {@code results} each id's
     * latest attempt ends with exactly one {@code completed}. Jobs cut by the kill ran again as a new
     * attempt, which is what at-least-once delivery with attempts looks like.
     */
    private static void assertEachHasOneFinalVerdict(int kafkaPort, Set<String> ids) throws java.io.IOException {
        Map<String, Integer> verdictRecords = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(kafkaPort, "verdicts")) {
            verdictRecords.merge(record.key(), 1, Integer::sum);
        }
        assertThat(verdictRecords.keySet()).containsExactlyInAnyOrderElementsOf(ids);

        Map<String, String> latestAttempt = new HashMap<>();
        Map<String, Integer> completedInAttempt = new HashMap<>();
        Map<String, Set<String>> attempts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(kafkaPort, "results")) {
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

    static List<ConsumerRecord<String, byte[]>> readAll(int kafkaPort, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort,
                ConsumerConfig.GROUP_ID_CONFIG, "crash-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 6) {
                var batch = consumer.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                batch.forEach(records::add);
            }
        }
        return records;
    }
}
