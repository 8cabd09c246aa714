package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Regrading by replay, end to end on the real broker and the real grader: 30 submissions over two
 * assignments, then regrades of one assignment with a corrected test that flips some verdicts.
 */
@QuarkusTest
class RegradeTest {
    /** The course's test 2 was wrong: add(2, 2) is 4. */
    private static final String WRONG_TESTS = "assert(add(1, 2) == 3);\nassert(add(2, 2) == 5);\nassert(add(0, 0) == 0);";
    private static final String FIXED_TESTS = "assert(add(1, 2) == 3);\nassert(add(2, 2) == 4);\nassert(add(0, 0) == 0);";
    private static final String CORRECT = "int add(int a, int b) { return a + b; }";
    /** Passed the wrong test 2, fails the fixed one. */
    private static final String FIVE = "int add(int a, int b) { return a == 2 && b == 2 ? 5 : a + b; }";
    /** Fails tests 1 and 2 either way. */
    private static final String ZERO = "int add(int a, int b) { return 0; }";
    /** Correct, and leaks 16 bytes a call (graded with Valgrind). */
    private static final String LEAKY = "#include <stdlib.h>\nint add(int a, int b) { char *p = malloc(16); p[0] = 0; return a + b; }";

    @TestHTTPResource("/")
    URI base;

    private final String course = UUID.randomUUID().toString();

    @Test
    void aRegradeOfOneAssignmentReportsExactlyWhatTheFixedTestChanged() throws Exception {
        Instant start = Instant.now();
        Map<String, String> lab1 = new LinkedHashMap<>(); // id -> program kind
        for (String kind : List.of("correct", "correct", "correct", "correct", "five", "zero", "leaky", "correct")) {
            lab1.put(submit("lab1", kind), kind);
        }
        Thread.sleep(50); // the record timestamps on either side of the middle must differ
        Instant middle = Instant.now();
        Map<Integer, Long> middleOffsets = TestKafka.endOffsets(Topics.SUBMISSIONS); // POSTs return once acked
        Thread.sleep(50);
        for (String kind : List.of("correct", "five", "five", "zero", "correct", "correct", "correct")) {
            lab1.put(submit("lab1", kind), kind);
        }
        List<String> lab2 = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            lab2.add(submit("lab2", "correct"));
        }
        for (String id : lab1.keySet()) {
            awaitVerdict(id);
        }
        lab2.forEach(this::awaitVerdict);

        // Selection by time and by metadata, counted only.
        assertThat(dryRun(Map.of("from", start.toString(), "filter", Map.of("course", course)))).isEqualTo(30);
        assertThat(dryRun(Map.of("from", start.toString(), "to", middle.toString(), "filter", Map.of("course", course))))
                .isEqualTo(8);
        assertThat(dryRun(Map.of("from", middle.toString(), "filter", Map.of("course", course, "assignment", "lab1"))))
                .isEqualTo(7);
        // The same two halves by explicit offsets per partition (end exclusive).
        Map<String, Long> zeros = new HashMap<>();
        Map<String, Long> middles = new HashMap<>();
        middleOffsets.forEach((partition, offset) -> {
            zeros.put(String.valueOf(partition), 0L);
            middles.put(String.valueOf(partition), offset);
        });
        assertThat(dryRun(Map.of("from", zeros, "to", middles, "filter", Map.of("course", course)))).isEqualTo(8);
        assertThat(dryRun(Map.of("from", middles, "filter", Map.of("course", course, "assignment", "lab1"))))
                .isEqualTo(7);

        // The regrade, with its progress followed live and an interactive submission sent while it runs.
        String regrade = startRegrade(Map.of("from", start.toString(), "filter", Map.of("course", course, "assignment", "lab1"),
                "tests", FIXED_TESTS, "reason", "test 2 expected add(2, 2) to be 5"));
        CompletableFuture<List<SseClient.Event>> progress = CompletableFuture.supplyAsync(() -> follow(regrade));
        JsonNode interactive = Json.mapper().readTree(given().contentType(ContentType.JSON)
                .body(Map.of("code", CORRECT, "tests", FIXED_TESTS, "valgrind", false)).post("/submit").asString());
        assertThat(interactive.path("status").asText()).isEqualTo("passed");
        Instant interactiveDone = Instant.now();

        List<SseClient.Event> events = progress.get(120, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode report = report(regrade, false);
        assertThat(report.path("state").asText()).isEqualTo("done");
        assertCounts(report.path("counts"), 15, 15, 13, 2, 0, 0);
        assertThat(lastRegradeAttemptStart(report)).as("the regrade's last job started after the interactive "
                + "submission had its verdict").isAfter(interactiveDone.minusMillis(1));

        // Progress: counts only ever grow, then one regrade-completed with the final counts, then the end.
        assertThat(events).isNotEmpty();
        assertThat(events.subList(0, events.size() - 1)).extracting(SseClient.Event::name).containsOnly("regrade-progress");
        SseClient.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("regrade-completed");
        JsonNode lastData = Json.mapper().readTree(last.data());
        assertThat(lastData.path("state").asText()).isEqualTo("done");
        assertCounts(lastData.path("counts"), 15, 15, 13, 2, 0, 0);
        int graded = -1;
        for (SseClient.Event event : events) {
            int now = Json.mapper().readTree(event.data()).path("counts").path("graded").asInt();
            assertThat(now).as("graded count in " + event).isGreaterThanOrEqualTo(graded);
            graded = now;
        }

        // Per submission, old and new side by side; the changed-only list is exactly the flipped ones.
        Map<String, JsonNode> entries = entries(report(regrade, false));
        assertThat(entries.keySet()).isEqualTo(lab1.keySet());
        Map<String, JsonNode> changed = entries(report(regrade, true));
        Set<String> expectedChanged = lab1.entrySet().stream().filter(entry -> !entry.getValue().equals("zero"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(changed.keySet()).isEqualTo(expectedChanged);
        lab1.forEach((id, kind) -> assertEntry(entries.get(id), kind));

        // Not applied: the submissions' own verdicts are what they were.
        lab1.forEach((id, kind) -> assertThat(verdict(id).path("failed_tests").toString())
                .as(kind + " " + id).isEqualTo(before(kind)));

        // The same request again, applied: a second regrade, complete on its own; now the verdicts change
        // and the old ones stay readable by attempt.
        String applied = startRegrade(Map.of("from", start.toString(), "filter", Map.of("course", course, "assignment", "lab1"),
                "tests", FIXED_TESTS, "reason", "test 2 fixed, for real", "apply", true));
        follow(applied);
        JsonNode appliedReport = report(applied, false);
        assertCounts(appliedReport.path("counts"), 15, 15, 13, 2, 0, 0);
        Map<String, JsonNode> appliedEntries = entries(appliedReport);
        for (Map.Entry<String, String> submission : lab1.entrySet()) {
            String id = submission.getKey();
            JsonNode now = verdict(id);
            assertThat(now.path("failed_tests").toString()).isEqualTo(after(submission.getValue()));
            assertThat(now.path("regrade").asText()).isEqualTo(applied);
            assertThat(now.path("attempt").asText()).isEqualTo(appliedEntries.get(id).path("after").path("attempt").asText());
            String oldAttempt = appliedEntries.get(id).path("before").path("attempt").asText();
            JsonNode old = Json.mapper().readTree(given().get("/submissions/" + id + "?attempt=" + oldAttempt).asString());
            assertThat(old.path("failed_tests").toString()).isEqualTo(before(submission.getValue()));
        }
        lab2.forEach(id -> assertThat(verdict(id).has("regrade")).as("lab2 untouched").isFalse());

        // Each regrade republished each selected submission exactly once.
        assertThat(republishedPerSubmission(regrade).values()).containsOnly(1).hasSize(15);
        assertThat(republishedPerSubmission(applied).values()).containsOnly(1).hasSize(15);
    }

    /**
     * An owner that died mid-selection left some of the regrade's submissions republished and the request
     * uncommitted; the next selection of the same request republishes only the rest.
     */
    @Test
    void aSelectionResumedAfterACrashRepublishesOnlyWhatWasNotRepublishedBefore() throws Exception {
        Instant start = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(submit("lab1", i < 4 ? "correct" : "five"));
        }
        ids.forEach(this::awaitVerdict);
        Thread.sleep(50);
        Instant end = Instant.now();

        String regrade = dev.gradestream.protocol.Ids.newSubmissionId();
        Instant created = Instant.now();
        try (TestKafka kafka = new TestKafka()) {
            for (String id : ids.subList(0, 2)) { // what the dead owner got out before it died
                kafka.send(Topics.SUBMISSIONS_REGRADE, id, "{\"id\": \"" + id + "\", \"code\": \"" + CORRECT
                        + "\", \"tests\": \"assert(add(2, 2) == 4);\", \"valgrind\": false, \"regrade\": \"" + regrade
                        + "\", \"metadata\": {\"course\": \"" + course + "\"}}", Map.of(Headers.REGRADE, regrade));
            }
            kafka.send(Topics.REGRADES, regrade, "{\"id\": \"" + regrade + "\", \"from\": \"" + start + "\", \"to\": \""
                    + end + "\", \"filter\": {\"course\": \"" + course + "\"}, \"tests\": \"assert(add(2, 2) == 4);\", "
                    + "\"reason\": \"resume\", \"dryRun\": false, \"apply\": false, \"createdAt\": \"" + created + "\"}");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get("/regrades/" + regrade).statusCode() == 404) { // known once regrades-in has read it
            assertThat(System.nanoTime()).as("regrade known").isLessThan(deadline);
            sleep(50);
        }
        follow(regrade);
        JsonNode report = report(regrade, false);
        assertCounts(report.path("counts"), 6, 6, 6, 0, 0, 0);
        assertThat(entries(report).keySet()).containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Integer> republished = republishedPerSubmission(regrade);
        assertThat(republished.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(republished.values()).as("republished once each").containsOnly(1);
    }

    @Test
    void badRequestsAndUnknownIdsAreProblemsThatSayWhatToDo() {
        given().contentType(ContentType.JSON).body(Map.of("from", "2026-11-26", "filters", Map.of())).post("/regrades")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Invalid regrade request"))
                .body("violations.field", org.hamcrest.Matchers.contains("filters", "from", "reason"))
                // numbered: the messages hold semicolons of their own
                .body("detail", org.hamcrest.Matchers.matchesPattern("3 problems: 1\\) filters: .* 2\\) from: .* 3\\) reason: .*"));
        given().get("/regrades/01a216a6-ba29-76c9-a322-e091b07ae613").then().statusCode(404)
                .contentType("application/problem+json").body("title", org.hamcrest.Matchers.equalTo("Unknown regrade"));
        given().get("/regrades/01a216a6-ba29-76c9-a322-e091b07ae613/events").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/submissions/01a216a6-ba29-76c9-a322-e091b07ae613?attempt=01a216a6-ba29-76c9-a322-e091b07ae614")
                .then().statusCode(404).body("title", org.hamcrest.Matchers.equalTo("Unknown attempt"));
    }

    /** How many times each submission is on submissions.regrade for this regrade. */
    private static Map<String, Integer> republishedPerSubmission(String regrade) {
        Map<String, Integer> republished = new HashMap<>();
        TestKafka.readAll(Topics.SUBMISSIONS_REGRADE).stream()
                .filter(record -> regrade.equals(Headers.text(record.headers(), Headers.REGRADE)))
                .forEach(record -> republished.merge(record.key(), 1, Integer::sum));
        return republished;
    }

    private static void assertEntry(JsonNode entry, String kind) {
        assertThat(entry.path("before").path("failedTests").toString()).as(kind).isEqualTo(before(kind));
        assertThat(entry.path("after").path("failedTests").toString()).as(kind).isEqualTo(after(kind));
        assertThat(entry.path("changed").asBoolean()).as(kind).isEqualTo(!kind.equals("zero"));
        if (kind.equals("leaky")) { // 16 bytes in each of the three tests' runs
            assertThat(entry.path("before").path("leakedBytes").asLong()).isEqualTo(48);
            assertThat(entry.path("after").path("leakedBytes").asLong()).isEqualTo(48);
        } else {
            assertThat(entry.path("after").has("leakedBytes")).as("Valgrind was off").isFalse();
        }
    }

    private static String before(String kind) {
        return switch (kind) {
            case "correct", "leaky" -> "[2]";
            case "five" -> "[]";
            default -> "[1,2]";
        };
    }

    private static String after(String kind) {
        return switch (kind) {
            case "correct", "leaky" -> "[]";
            case "five" -> "[2]";
            default -> "[1,2]";
        };
    }

    private String submit(String assignment, String kind) {
        String code = switch (kind) {
            case "correct" -> CORRECT;
            case "five" -> FIVE;
            case "zero" -> ZERO;
            default -> LEAKY;
        };
        Map<String, Object> body = Map.of("code", code, "tests", WRONG_TESTS, "valgrind", kind.equals("leaky"),
                "metadata", Map.of("course", course, "assignment", assignment));
        return given().contentType(ContentType.JSON).body(body).post("/submissions").then().statusCode(202)
                .extract().path("id");
    }

    private void awaitVerdict(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (given().get("/submissions/" + id).statusCode() != 200) {
            assertThat(System.nanoTime()).as("verdict of " + id).isLessThan(deadline);
            sleep(100);
        }
    }

    private static JsonNode verdict(String id) {
        try {
            return Json.mapper().readTree(given().get("/submissions/" + id).then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String startRegrade(Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(request);
        body.putIfAbsent("reason", "counting");
        io.restassured.response.Response response = given().contentType(ContentType.JSON).body(body).post("/regrades");
        response.then().statusCode(202);
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/regrades/" + id);
        assertThat(response.<String>path("events")).isEqualTo("/regrades/" + id + "/events");
        return id;
    }

    /** Runs a dry run to its end and answers how many it selected; nothing may be republished. */
    private int dryRun(Map<String, Object> request) throws Exception {
        Map<String, Object> body = new HashMap<>(request);
        body.put("dryRun", true);
        String id = startRegrade(body);
        follow(id);
        JsonNode report = report(id, false);
        assertThat(report.path("state").asText()).isEqualTo("done");
        assertThat(report.path("submissions")).as("a dry run lists nothing").isEmpty();
        JsonNode counts = report.path("counts");
        assertCounts(counts, counts.path("selected").asInt(), 0, 0, 0, 0, 0);
        return counts.path("selected").asInt();
    }

    private List<SseClient.Event> follow(String regrade) {
        try {
            return SseClient.get(base.resolve("/regrades/" + regrade + "/events"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode report(String regrade, boolean changedOnly) throws java.io.IOException {
        return Json.mapper().readTree(given().get("/regrades/" + regrade + (changedOnly ? "?changed=true" : ""))
                .then().statusCode(200).extract().asString());
    }

    private static Map<String, JsonNode> entries(JsonNode report) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        report.path("submissions").forEach(entry -> entries.put(entry.path("submissionId").asText(), entry));
        return entries;
    }

    /** When the regrade's last job started: its attempt id is a UUIDv7 made at that moment. */
    private static Instant lastRegradeAttemptStart(JsonNode report) {
        List<Long> times = new ArrayList<>();
        report.path("submissions").forEach(entry -> times.add(dev.gradestream.protocol.Ids.epochMillisOf(
                entry.path("after").path("attempt").asText()).orElseThrow()));
        return Instant.ofEpochMilli(times.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static void assertCounts(JsonNode counts, int selected, int graded, int changed, int unchanged, int errors,
            int pending) {
        assertThat(List.of(counts.path("selected").asInt(), counts.path("graded").asInt(), counts.path("changed").asInt(),
                counts.path("unchanged").asInt(), counts.path("errors").asInt(), counts.path("pending").asInt()))
                .as("selected, graded, changed, unchanged, errors, pending in " + counts)
                .containsExactly(selected, graded, changed, unchanged, errors, pending);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
