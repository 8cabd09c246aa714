package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The one-word outcome of a submission; each value means exactly one thing (a timeout is not a crash). */
public enum VerdictStatus {
    PASSED, FAILED, COMPILE_ERROR, LINK_ERROR, POLICY_VIOLATION, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT,
    RUNTIME_ERROR, INTERNAL_ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static VerdictStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
