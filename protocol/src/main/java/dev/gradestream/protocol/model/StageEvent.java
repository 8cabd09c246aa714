package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing that happened to a submission. {@code (submissionId, attempt, seq)} identifies it, so a
 * reader that sees a record twice (at-least-once delivery) can drop the copy.
 *
 * @param attempt unique per execution: a re-run after a crash or a regrade gets a new one
 * @param seq     1, 2, 3… within the attempt
 * @param data    per type: the test result for test events, the whole {@link Verdict} for {@code completed}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageEvent(String submissionId, String attempt, int seq, EventType type, Instant at, JsonNode data) {
}
