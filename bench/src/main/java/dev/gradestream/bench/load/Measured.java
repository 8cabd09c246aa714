package dev.gradestream.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradestream.bench.support.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The figures of one completed submission, in ms: POST (or produce) → {@code completed} received, split
 * by the events' own {@code at} into intake (sent → {@code started}: the HTTP call or the produce, the
 * Kafka hop, waiting for a slot), grading ({@code started} → {@code completed}) and delivery
 * ({@code completed} → received over SSE); the stage times the verdict reports ({@code timings}); and
 * the verdict's {@link VerdictSignature}.
 */
public record Measured(String program, String signature, double latencyMs, double intakeMs, double gradingMs,
        double deliveryMs, double compileMs, double testMs, double valgrindMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From a complete stream (one that ends with {@code completed} and has a {@code started}). */
    static Measured of(Outcome outcome) {
        SseEvent completed = outcome.completed();
        SseEvent started = outcome.first("started");
        JsonNode verdict;
        try {
            verdict = JSON.readTree(completed.data()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode timings = verdict.path("timings");
        long completedAt = completed.atMicros();
        long startedAt = started != null ? started.atMicros() : completedAt;
        return new Measured(outcome.program(), VerdictSignature.of(verdict),
                ms(completed.receivedMicros() - outcome.sentMicros()), ms(startedAt - outcome.sentMicros()),
                ms(completedAt - startedAt), ms(completed.receivedMicros() - completedAt),
                timings.path("compileMs").asDouble() + timings.path("policyMs").asDouble(),
                timings.path("testMs").asDouble(), timings.path("valgrindMs").asDouble());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
