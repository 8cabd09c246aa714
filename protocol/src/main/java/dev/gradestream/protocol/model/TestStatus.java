package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one test ended. Only {@link #PASSED} means the assertion held and the test returned normally. */
public enum TestStatus {
    /** The assertion was evaluated true and the test function returned. */
    PASSED,
    /** The assertion was evaluated false. */
    FAILED,
    /** Killed by a signal, called exit(), or ended without evaluating its assertion. */
    RUNTIME_ERROR,
    TIME_LIMIT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    /** The whole run's time budget ran out before this test started. */
    NOT_RUN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TestStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
