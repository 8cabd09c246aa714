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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a grading process in the middle of a batch: the jobs it is running finish and are
 * committed, the ones it had fetched but not started are left to the next grader, so every submission
 * is graded exactly once, with one attempt, and none is lost.
 */
class GracefulShutdownIT {
    private static final int BATCH = 12;

    @TempDir
    Path brokerData;
    @TempDir
    Path graderData;

    @Test
    void aSigtermMidBatchNeitherLosesNorRepeatsAJob() throws Exception {
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile("gradestream-sigterm-", ".log");
        try (AppProcess front = AppProcess.start(brokerData, AppProcess.freePort(), kafkaPort, log,
                List.of("-Dmp.messaging.incoming.submissions-in.enabled=false"))) {
            front.awaitReady(Duration.ofSeconds(90));
            // The sandbox user must be able to reach the job directories under it (@TempDir is 0700).
            Files.setPosixFilePermissions(graderData, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> graderProperties = List.of("-Dkafka.bootstrap.servers=localhost:" + kafkaPort,
                    // Its own job directory, so jobs cut short never land among other tests' files.
                    "-Dgradestream.executor.work-dir=" + graderData.resolve("jobs"));
            int graderHttp = AppProcess.freePort();
            AppProcess grader = AppProcess.start(graderData, graderHttp, AppProcess.freePort(), log, graderProperties);
            try {
                grader.awaitReady(Duration.ofSeconds(90));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    HttpResponse<String> accepted = front.postJson("/submissions", "{\"code\": \"#include <unistd.h>\\n"
                            + "int f(void) { usleep(1500000); return " + i + "; }\", \"tests\": \"assert(f() == " + i
                            + ");\", \"valgrind\": false}");
                    ids.add(Json.mapper().readTree(accepted.body()).path("id").asText());
                }
                awaitVerdicts(front, ids, 1, Duration.ofSeconds(60));
                long stopping = System.nanoTime();
                assertThat(grader.stop()).as("exit status after SIGTERM").isIn(0, 143);
                long stopMs = (System.nanoTime() - stopping) / 1_000_000;
                int doneAtStop = awaitVerdicts(front, ids, 0, Duration.ZERO);
                System.out.printf("SIGTERM: grader exited after %d ms with %d of %d verdicts in%n", stopMs, doneAtStop, BATCH);
                assertThat(doneAtStop).as("stopped mid-batch").isLessThan(BATCH);

                grader = AppProcess.start(graderData, graderHttp, AppProcess.freePort(), log, graderProperties);
                assertThat(awaitVerdicts(front, ids, BATCH, Duration.ofSeconds(120))).isEqualTo(BATCH);

                Map<String, Set<String>> attempts = new HashMap<>();
                for (var record : CrashRecoveryIT.readAll(kafkaPort, "results")) {
                    JsonNode event = Json.mapper().readTree(record.value());
                    attempts.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.path("attempt").asText());
                }
                Map<String, Integer> verdictRecords = new HashMap<>();
                CrashRecoveryIT.readAll(kafkaPort, "verdicts").forEach(record -> verdictRecords.merge(record.key(), 1, Integer::sum));
                for (String id : ids) {
                    JsonNode verdict = Json.mapper().readTree(front.get("/submissions/" + id).body());
                    assertThat(verdict.path("status").asText()).as("status of " + id).isEqualTo("passed");
                    assertThat(attempts.get(id)).as("attempts of " + id).hasSize(1);
                    assertThat(verdictRecords.get(id)).as("verdict records of " + id).isEqualTo(1);
                }
                grader.stop();
            } finally {
                grader.close();
            }
            front.stop();
        }
    }

    private static int awaitVerdicts(AppProcess app, List<String> ids, int atLeast, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            int done = 0;
            for (String id : ids) {
                if (app.get("/submissions/" + id).statusCode() == 200) {
                    done++;
                }
            }
            if (done >= atLeast) {
                return done;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done + " of " + ids.size() + " verdicts within " + atMost);
            }
            Thread.sleep(50);
        }
    }
}
