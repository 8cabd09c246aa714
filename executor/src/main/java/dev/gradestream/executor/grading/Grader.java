package dev.gradestream.executor.grading;

import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;

/**
 * What the transport asks of the engine: grade one submission, sending its events to the sink. The
 * seam lets a deployment (or a test) wrap the engine without the transport knowing.
 */
@FunctionalInterface
public interface Grader {

    /**
     * @param attempt names this execution in events and the job directory
     * @throws RuntimeException when the grading could not even report its own failure
     */
    Verdict grade(Submission submission, String attempt, EventSink sink);
}
