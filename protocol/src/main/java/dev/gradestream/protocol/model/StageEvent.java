package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One thing that happened to a submission. {@code (submissionId, attempt, seq)} identifies it, so a
 * reader that sees a record twice (at-least-once delivery) can drop the copy.
 *
 * @param attempt unique per execution: a re-run after a crash or a regrade gets a new one
 * @param seq     1, 2, 3… within the attempt
 * @param data    per type: the test result for test events, the whole {@link Verdict} for {@code completed}
 * @param regrade the regrade this attempt belongs to; absent for an ordinary grading. A regrade's events
 *                are not part of the submission's own stream: they are reported under {@code /regrades/{id}}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageEvent(String submissionId, String attempt, int seq, EventType type, Instant at, JsonNode data,
        String regrade) {

    /** An event of an ordinary grading, not of a regrade. */
    public StageEvent(String submissionId, String attempt, int seq, EventType type, Instant at, JsonNode data) {
        this(submissionId, attempt, seq, type, at, data, null);
    }
}
