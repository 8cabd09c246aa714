package dev.gradestream.executor.logging;

import dev.gradestream.protocol.trace.LogFields;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * Puts a job's submission id, attempt and trace id in the logging MDC for as long as the job runs on a
 * thread, so every line logged meanwhile (by the engine, the sandbox, a library) names its submission.
 * Closing restores what the thread had before, so nested and pooled use leave nothing behind.
 */
public final class JobLogContext implements AutoCloseable {
    private final Map<String, Object> previous = new HashMap<>();

    private JobLogContext(Map<String, ?> values) {
        values.forEach((key, value) -> {
            if (value != null) {
                previous.put(key, MDC.put(key, value));
            }
        });
    }

    /** Sets the fields that are not null; a null leaves whatever the caller had set. */
    public static JobLogContext open(String submissionId, String attempt, String traceId) {
        Map<String, String> values = new HashMap<>();
        values.put(LogFields.SUBMISSION_ID, submissionId);
        values.put(LogFields.ATTEMPT, attempt);
        values.put(LogFields.TRACE_ID, traceId);
        return new JobLogContext(values);
    }

    /**
     * The task, run with the MDC the calling thread has now: for work a job hands to a pooled thread
     * (a pipe reader that calls the job's listener), whose lines belong to the job too.
     */
    public static Runnable carry(Runnable task) {
        Map<String, Object> fields = MDC.getMap();
        if (fields.isEmpty()) {
            return task;
        }
        Map<String, Object> copy = Map.copyOf(fields);
        return () -> {
            try (JobLogContext ignored = new JobLogContext(copy)) {
                task.run();
            }
        };
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
