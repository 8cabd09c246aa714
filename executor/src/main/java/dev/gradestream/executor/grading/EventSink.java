package dev.gradestream.executor.grading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.model.EventType;

/**
 * Receives the stage events of one grading as they happen; the caller numbers and timestamps them.
 * Calls for one grading never overlap, but may come from different threads (test results arrive on the
 * thread that reads the test run's output). An exception thrown here stops the grading.
 */
@FunctionalInterface
public interface EventSink {

    void emit(EventType type, JsonNode data);

    /** The trace id of the job's W3C trace context, put on the job's log lines; null when there is none. */
    default String traceId() {
        return null;
    }
}
