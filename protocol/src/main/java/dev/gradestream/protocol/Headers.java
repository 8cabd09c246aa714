package dev.gradestream.protocol;

/** Kafka record headers every producer of GradeStream topics sets. */
public final class Headers {
    /** The version of the JSON contract the value is written in. */
    public static final String SCHEMA = "gs-schema";
    public static final String SCHEMA_VERSION = "1";

    /** On {@code submissions.dlq}: why the record was not graded, in a sentence a person can act on. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** On {@code submissions.dlq}: the class name of the exception that stopped it. */
    public static final String DEAD_LETTER_EXCEPTION = "dead-letter-exception";
    /** On {@code submissions.dlq}: where the record was read from (topic, partition, offset). */
    public static final String DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String DEAD_LETTER_PARTITION = "dead-letter-partition";
    public static final String DEAD_LETTER_OFFSET = "dead-letter-offset";

    /**
     * On {@code submissions.regrade} and on the {@code results} records of a regrade's attempts: the regrade
     * id, so readers can route a record without parsing its value.
     */
    public static final String REGRADE = "gs-regrade";
    /** On {@code submissions.regrade}: {@code true} when the regrade's verdict replaces the one in {@code verdicts}. */
    public static final String REGRADE_APPLY = "gs-regrade-apply";
    /**
     * On {@code submissions.regrade}: the submission's verdict when it was selected, as a
     * {@link dev.gradestream.protocol.model.VerdictSummary} in JSON; absent when it had none.
     */
    public static final String REGRADE_PREVIOUS = "gs-regrade-previous";

    private Headers() {
    }

    /** The text of the record's last header of this name (UTF-8), or null when it has none. */
    public static String text(org.apache.kafka.common.header.Headers headers, String name) {
        org.apache.kafka.common.header.Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null
                ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
