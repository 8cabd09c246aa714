package dev.gradestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.bench.support.AppUnderTest;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.Machine;
import dev.gradestream.bench.support.Options;
import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.SseEvent;
import dev.gradestream.bench.support.SseReader;
import dev.gradestream.bench.support.Table;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue #7: how fast a regrade of stored submissions goes, and what it costs a student who submits
 * meanwhile. Stores {@code --submissions} tiny submissions (the same mix of kinds as the regrade test:
 * correct, off-by-one, failing; each text distinct, so neither phase hits the build cache), regrades them all with a corrected test, and reports the regrade's
 * throughput (selected ÷ time from POST /regrades to state done) against the same app's throughput when
 * those submissions were first graded on the interactive lane (same programs, same slots, same run). An
 * interactive submission is sent {@code --probes} times one after another on the idle app, then again
 * while the regrade runs: POST → {@code completed} latency, idle vs during.
 *
 * <p>Usage: {@code java -cp "bench/target/gradestream-bench.jar:bench/target/lib/*"
 * dev.gradestream.bench.RegradeBenchmark [--app-jar PATH] [--submissions 500] [--slots 2] [--probes 10]
 * [--valgrind off] [--csv FILE]}. Exits with 1 when the regrade's counts are not what the programs imply.
 */
public final class RegradeBenchmark {
    private static final String WRONG_TESTS = "assert(add(1, 2) == 3);\nassert(add(2, 2) == 5);\nassert(add(0, 0) == 0);";
    private static final String FIXED_TESTS = "assert(add(1, 2) == 3);\nassert(add(2, 2) == 4);\nassert(add(0, 0) == 0);";
    /** Correct (changes: failed [2] → passed), returns 5 for 2+2 (changes: passed → failed [2]), always 0 (unchanged). */
    private static final List<String> PROGRAMS = List.of("int add(int a, int b) { return a + b; }",
            "int add(int a, int b) { return a == 2 && b == 2 ? 5 : a + b; }", "int add(int a, int b) { return 0; }");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, "--app-jar", "--submissions", "--slots", "--probes", "--valgrind", "--csv");
        int submissions = options.integer("--submissions", 500);
        int slots = options.integer("--slots", 2);
        int probes = options.integer("--probes", 10);
        boolean valgrind = options.string("--valgrind", "off").equals("on");
        Path csv = Path.of(options.string("--csv", "bench/target/regrade.csv"));
        Machine.requireOpenFiles(2 * submissions + 512);
        System.out.println("# Regrade (issue #7)\n\n" + Machine.describe() + "; " + slots + " grading slots; Valgrind "
                + (valgrind ? "on" : "off") + "\n");

        try (AppUnderTest app = AppUnderTest.start(options.appJar(), slots, List.of());
                GradeStreamClient client = new GradeStreamClient(app)) {
            String run = UUID.randomUUID().toString();
            sequentialLatencies(client, 30, valgrind); // warm-up: the JIT, the broker, the page cache
            List<Double> idle = sequentialLatencies(client, probes, valgrind);

            Instant from = Instant.now();
            long storeStart = System.nanoTime();
            List<String> jsons = new ArrayList<>();
            for (int i = 0; i < submissions; i++) {
                // Each student's code is their own (a comment is enough): no build-cache hit in either phase.
                jsons.add(submission("/* student " + i + " */ " + PROGRAMS.get(i % PROGRAMS.size()), WRONG_TESTS,
                        valgrind, run));
            }
            List<GradeStreamClient.Posted> stored = client.submitAll(jsons);
            List<SseReader> streams = stored.stream().map(posted -> client.follow(posted.id())).toList();
            streams.forEach(reader -> reader.done().join());
            double storeSeconds = (System.nanoTime() - storeStart) / 1e9;

            long regradeStart = System.nanoTime();
            String regrade = startRegrade(app, from, run);
            awaitGraded(app, regrade, Math.max(1, submissions / 10));
            List<Double> during = sequentialLatencies(client, probes, valgrind);
            // Otherwise some probes met an idle system and "during" says less than it seems.
            boolean overlapped = !report(app, regrade).path("state").asText().equals("done");
            JsonNode report = awaitDone(app, regrade);
            double regradeSeconds = (System.nanoTime() - regradeStart) / 1e9;

            JsonNode counts = report.path("counts");
            int expectedChanged = submissions - submissions / PROGRAMS.size(); // every third is unchanged
            boolean right = counts.path("selected").asInt() == submissions && counts.path("graded").asInt() == submissions
                    && counts.path("changed").asInt() == expectedChanged && counts.path("errors").asInt() == 0;
            Table table = new Table("submissions", "first grading /s (interactive lane)", "regrade /s",
                    "regrade ÷ first grading", "selection ms", "interactive idle p50 ms", "idle max ms",
                    "interactive during regrade p50 ms", "during max ms", "during ÷ idle (p50)",
                    "regrade still running after the probes", "counts right");
            Percentiles idleP = Percentiles.of(idle);
            Percentiles duringP = Percentiles.of(during);
            double storeRate = submissions / storeSeconds;
            double regradeRate = submissions / regradeSeconds;
            table.add(submissions, storeRate, regradeRate, regradeRate / storeRate, selectionMillis(report),
                    idleP.p50(), idleP.max(), duringP.p50(), duringP.max(), duringP.p50() / idleP.p50(), overlapped, right);
            System.out.println(table.markdown());
            System.out.println("\ncounts: " + counts);
            table.writeCsv(csv);
            if (!right) {
                System.out.println("WRONG: expected " + submissions + " selected and graded, " + expectedChanged + " changed");
                System.exit(1);
            }
        }
    }

    /** One interactive submission at a time: POST → completed received, ms. */
    private static List<Double> sequentialLatencies(GradeStreamClient client, int count, boolean valgrind) {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // A new student's own code each time, as in real life: a build-cache miss.
            String code = "/* probe " + System.nanoTime() + " */ " + PROGRAMS.get(0);
            GradeStreamClient.Posted posted = client.submit(submission(code, FIXED_TESTS, valgrind, "probe")).join();
            List<SseEvent> events = client.follow(posted.id()).done().join();
            SseEvent completed = events.get(events.size() - 1);
            latencies.add((completed.receivedMicros() - posted.postedMicros()) / 1000.0);
        }
        return latencies;
    }

    private static String submission(String code, String tests, boolean valgrind, String run) {
        return new String(Json.toBytes(Map.of("code", code, "tests", tests, "valgrind", valgrind,
                "metadata", Map.of("bench", run))), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String startRegrade(AppUnderTest app, Instant from, String run) throws IOException, InterruptedException {
        String body = new String(Json.toBytes(Map.of("from", from.toString(), "filter", Map.of("bench", run),
                "tests", FIXED_TESTS, "reason", "benchmark")), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(app.uri("/regrades"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST /regrades answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body()).path("id").asText();
    }

    private static JsonNode report(AppUnderTest app, String regrade) throws IOException, InterruptedException {
        return Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(app.uri("/regrades/" + regrade)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void awaitGraded(AppUnderTest app, String regrade, int atLeast) throws Exception {
        while (report(app, regrade).path("counts").path("graded").asInt() < atLeast) {
            Thread.sleep(20);
        }
    }

    private static JsonNode awaitDone(AppUnderTest app, String regrade) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode report = report(app, regrade);
            String state = report.path("state").asText();
            if (state.equals("done") || state.equals("failed")) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the regrade did not finish within 30 min");
    }

    private static long selectionMillis(JsonNode report) {
        JsonNode request = report.path("request");
        return Duration.between(Instant.parse(request.path("createdAt").asText()),
                Instant.parse(request.path("selection").path("at").asText())).toMillis();
    }
}
