package dev.gradestream.protocol;

/** Kafka record headers every producer of GradeStream topics sets. */
public final class Headers {
    /** The version of the JSON contract the value is written in. */
    public static final String SCHEMA = "gs-schema";
    public static final String SCHEMA_VERSION = "1";

    private Headers() {
    }
}
