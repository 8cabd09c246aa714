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

    private Headers() {
    }
}
