package dev.gradestream.protocol.trace;

/**
 * The MDC keys every service puts on a log line that concerns one submission, so a log search for a
 * submission id or a trace id finds its lines in all of them (JSON logs show them under {@code mdc}).
 */
public final class LogFields {
    public static final String SUBMISSION_ID = "submissionId";
    /** The grading attempt; only the executor knows it. */
    public static final String ATTEMPT = "attempt";
    /** The W3C trace id of the submission's {@code traceparent}. */
    public static final String TRACE_ID = "traceId";

    private LogFields() {
    }
}
