package dev.gradestream.app.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.config.ExecutorConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code /q/metrics} says after real gradings, read before and after. */
@QuarkusTest
class MetricsTest {
    private static final String VERDICTS = "gradestream_submissions_total";
    private static final String STAGE_COUNT = "gradestream_stage_duration_seconds_count";
    private static final String HTTP = "gradestream_http_submissions_total";
    // C++: no other test grades C++, so jobs other tests left running cannot move these series meanwhile.
    private static final String CODE = "int twice(int x) { return 2 * x; }";

    @Inject
    ExecutorConfig executor;

    @Test
    void eachVerdictItsStagesAndTheSandboxLimitAreCountedOnce() throws InterruptedException {
        PrometheusScrape before = PrometheusScrape.take();

        grade(Map.of("language", "cpp", "code", CODE, "tests", "assert(twice(2) == 4);"), "passed");
        grade(Map.of("language", "cpp", "code", CODE, "tests", "assert(twice(2) == 5);", "valgrind", false), "failed");
        grade(Map.of("language", "cpp", "code", "#include <cstdlib>\n#include <cstring>\nint hog() {\n"
                + "  for (;;) { char *p = (char *) malloc(1 << 20); if (!p) return 1; memset(p, 1, 1 << 20); }\n}\n",
                "tests", "assert(hog() == 0);", "valgrind", false, "memoryLimitMb", 32), "memory_limit");
        // The verdict is announced before the engine's observer records it: wait for the last series it records.
        PrometheusScrape after = awaitIncrease(before, 3, STAGE_COUNT, "stage", "total", "language", "cpp");

        assertThat(delta(before, after, VERDICTS, "status", "passed", "language", "cpp")).isEqualTo(1);
        assertThat(delta(before, after, VERDICTS, "status", "failed", "language", "cpp")).isEqualTo(1);
        assertThat(delta(before, after, VERDICTS, "status", "memory_limit", "language", "cpp")).isEqualTo(1);
        assertThat(delta(before, after, VERDICTS, "status", "compile_error", "language", "cpp")).isZero();
        // Valgrind ran for the first only; every one compiled and ran its tests.
        assertThat(delta(before, after, STAGE_COUNT, "stage", "compile", "language", "cpp")).isEqualTo(3);
        assertThat(delta(before, after, STAGE_COUNT, "stage", "tests", "language", "cpp")).isEqualTo(3);
        assertThat(delta(before, after, STAGE_COUNT, "stage", "valgrind", "language", "cpp")).isEqualTo(1);
        assertThat(delta(before, after, STAGE_COUNT, "stage", "total", "language", "cpp")).isEqualTo(3);
        assertThat(after.value("gradestream_stage_duration_seconds_bucket", "stage", "total", "language", "cpp",
                "le", "+Inf")).isEqualTo(after.value(STAGE_COUNT, "stage", "total", "language", "cpp"));
        assertThat(delta(before, after, "gradestream_stage_duration_seconds_sum", "stage", "total", "language", "cpp"))
                .isGreaterThan(0);
        // Only the memory hog's test run hit a limit: the kernel's OOM kill, as the sandbox measured it.
        assertThat(delta(before, after, "gradestream_sandbox_limit_hits_total", "kind", "memory")).isEqualTo(1);
        assertThat(delta(before, after, HTTP, "outcome", "accepted")).isEqualTo(3);
    }

    @Test
    void refusedSubmissionsAreCountedByWhy() {
        PrometheusScrape before = PrometheusScrape.take();

        given().contentType("application/json").body("{\"tests\": \"assert(1);\"}").post("/submissions")
                .then().statusCode(400);
        given().contentType("application/json").body("{\"code\": \"" + "x".repeat(1_100_000) + "\"}").post("/submit")
                .then().statusCode(413);
        given().contentType("text/plain").body("int main() {}").post("/submissions").then().statusCode(415);
        given().contentType("text/plain").body("int main() {}").post("/submit").then().statusCode(415);

        PrometheusScrape after = PrometheusScrape.take();
        assertThat(delta(before, after, HTTP, "outcome", "invalid")).isEqualTo(1);
        assertThat(delta(before, after, HTTP, "outcome", "too_large")).isEqualTo(1);
        assertThat(delta(before, after, HTTP, "outcome", "unsupported_media_type")).isEqualTo(2);
        assertThat(delta(before, after, HTTP, "outcome", "accepted")).isZero();
    }

    @Test
    void theIntakeReportsItsSlots() {
        // Dead letters are counted where they are written: PoisonInputTest checks them.
        PrometheusScrape now = PrometheusScrape.take();
        assertThat(now.value("gradestream_grading_slots")).isEqualTo(executor.effectiveSlots());
        assertThat(now.value("gradestream_grading_slots_busy")).isBetween(0.0, (double) executor.effectiveSlots());
    }

    private static void grade(Map<String, Object> submission, String status) {
        String graded = given().contentType("application/json").body(submission).post("/submit")
                .then().statusCode(200).extract().path("status");
        assertThat(graded).as("%s", submission).isEqualTo(status);
    }

    private static PrometheusScrape awaitIncrease(PrometheusScrape before, int by, String name, String... labels)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PrometheusScrape now = PrometheusScrape.take();
        while (delta(before, now, name, labels) < by && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = PrometheusScrape.take();
        }
        return now;
    }

    /** How much a sample grew; a series not there yet counts as 0, as Prometheus' increase() does. */
    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.value(name, labels) - before.find(name, labels).orElse(0.0);
    }
}
