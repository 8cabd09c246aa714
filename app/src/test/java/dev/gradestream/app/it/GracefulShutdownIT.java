package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
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
 * is graded exactly once, with one attempt, and none is lost. (With the grace set to 0 s this test
 * fails: a job cut short runs again.)
 */
class GracefulShutdownIT {
    private static final int BATCH = 12;

    @TempDir
    Path frontData;
    @TempDir
    Path graderData;

    @Test
    void aSigtermMidBatchNeitherLosesNorRepeatsAJob() throws Exception {
        try (BrokerAndGrader apps = BrokerAndGrader.start(frontData, graderData, "gradestream-sigterm-", List.of())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String accepted = apps.front().postJson("/submissions", "{\"code\": \"#include <unistd.h>\\n"
                        + "int f(void) { usleep(1500000); return " + i + "; }\", \"tests\": \"assert(f() == " + i
                        + ");\", \"valgrind\": false}").body();
                ids.add(Json.mapper().readTree(accepted).path("id").asText());
            }
            apps.awaitVerdicts(ids, 1, Duration.ofSeconds(60));
            long stopping = System.nanoTime();
            assertThat(apps.stopGrader()).as("exit status after SIGTERM").isIn(0, 143);
            long stopMs = (System.nanoTime() - stopping) / 1_000_000;
            int doneAtStop = apps.awaitVerdicts(ids, 0, Duration.ZERO);
            System.out.printf("SIGTERM: grader exited after %d ms with %d of %d verdicts in%n", stopMs, doneAtStop, BATCH);
            assertThat(doneAtStop).as("stopped mid-batch").isLessThan(BATCH);

            apps.startGrader();
            assertThat(apps.awaitVerdicts(ids, BATCH, Duration.ofSeconds(120))).isEqualTo(BATCH);

            Map<String, Set<String>> attempts = new HashMap<>();
            for (var record : apps.readAll("results")) {
                JsonNode event = Json.mapper().readTree(record.value());
                attempts.computeIfAbsent(record.key(), k -> new HashSet<>()).add(event.path("attempt").asText());
            }
            Map<String, Integer> verdictRecords = new HashMap<>();
            apps.readAll("verdicts").forEach(record -> verdictRecords.merge(record.key(), 1, Integer::sum));
            for (String id : ids) {
                JsonNode verdict = Json.mapper().readTree(apps.front().get("/submissions/" + id).body());
                assertThat(verdict.path("status").asText()).as("status of " + id).isEqualTo("passed");
                assertThat(attempts.get(id)).as("attempts of " + id).hasSize(1);
                assertThat(verdictRecords.get(id)).as("verdict records of " + id).isEqualTo(1);
            }
        }
    }
}
