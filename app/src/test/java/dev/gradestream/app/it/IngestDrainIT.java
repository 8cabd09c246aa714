package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest instance (no executor, no read path, as deploy/k8s runs it) stopped with SIGTERM while a
 * {@code POST /submit} waits for its verdict: with {@code quarkus.shutdown.timeout} the request ends as it
 * would have (here: 202 with the verdict's location, since nothing grades), new requests get 503; without
 * it the connection is cut.
 */
class IngestDrainIT {
    /** timeout 1 s: /submit waits 2 × 1 s + verdict-wait-margin (3 s) = 5 s, then answers 202. */
    private static final String SUBMISSION = "{\"code\": \"int one(void) { return 1; }\", \"timeout\": 1}";

    @TempDir
    Path drained;
    @TempDir
    Path cut;

    @Test
    void aSubmitInFlightEndsWithinTheShutdownTimeout() throws Exception {
        Path log = Files.createTempFile("gradestream-drain-", ".log");
        try (AppProcess ingest = startIngest(drained, log, "-Dquarkus.shutdown.timeout=20s")) {
            CompletableFuture<HttpResponse<String>> waiting = submitThenTerminate(ingest);
            awaitDraining(ingest);
            HttpResponse<String> late = ingest.postJson("/submissions", SUBMISSION);
            assertThat(late.statusCode()).as("a request while draining").isEqualTo(503);
            HttpResponse<String> answer = waiting.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).matches(".*/submissions/[0-9a-f-]{36}"));
            // 128 + SIGTERM: the JVM ends by the signal once its shutdown hooks (the drain) have run.
            assertThat(ingest.awaitExit(Duration.ofSeconds(30))).as("exit status").isEqualTo(143);
        }
    }

    @Test
    void withoutAShutdownTimeoutTheSubmitIsCut() throws Exception {
        Path log = Files.createTempFile("gradestream-cut-", ".log");
        try (AppProcess ingest = startIngest(cut, log)) {
            CompletableFuture<HttpResponse<String>> waiting = submitThenTerminate(ingest);
            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IOException.class);
        }
    }

    /** The signal is handled a moment after it is sent: from then on every new request gets 503. */
    private static void awaitDraining(AppProcess ingest) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ingest.get("/q/health/live").statusCode() != 503) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still answering /q/health/live 10 s after SIGTERM");
            }
            Thread.sleep(50);
        }
    }

    private static AppProcess startIngest(Path data, Path log, String... extra) throws Exception {
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.log.console.json.enabled=false",
                "-Dgradestream.executor.enabled=false", "-Dgradestream.results.enabled=false",
                "-Dgradestream.ingest.verdict-wait-margin=3s"));
        properties.addAll(List.of(extra));
        AppProcess ingest = AppProcess.start(data, AppProcess.freePort(), AppProcess.freePort(), log, properties);
        ingest.awaitReady(Duration.ofSeconds(120));
        return ingest;
    }

    /** POST /submit, then SIGTERM once it waits (its submission is on Kafka by then). */
    private static CompletableFuture<HttpResponse<String>> submitThenTerminate(AppProcess ingest) throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = ingest.postJsonAsync("/submit", SUBMISSION);
        Thread.sleep(1_500);
        assertThat(waiting).as("still waiting for its verdict").isNotDone();
        ingest.terminate();
        return waiting;
    }
}
