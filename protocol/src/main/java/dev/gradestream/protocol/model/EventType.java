package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages a submission goes through, in the order they are emitted (DESIGN §3). */
public enum EventType {
    QUEUED("queued"),
    STARTED("started"),
    COMPILED("compiled"),
    COMPILE_FAILED("compile-failed"),
    POLICY_PASSED("policy-passed"),
    POLICY_VIOLATED("policy-violated"),
    TEST_STARTED("test-started"),
    TEST_PASSED("test-passed"),
    TEST_FAILED("test-failed"),
    RUN_FINISHED("run-finished"),
    VALGRIND("valgrind"),
    COMPLETED("completed"),
    ERROR("error"),
    /**
     * Written by the read path, never by executors: a newer attempt (a re-run after a crash, a regrade)
     * replaced the one this stream was showing; the newer attempt's events follow. {@code data}:
     * {@code {"previousAttempt": …}}, {@code attempt}: the new one, {@code seq} 0.
     */
    SUPERSEDED("superseded");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A stream always ends with one of these. */
    public boolean isTerminal() {
        return this == COMPLETED || this == ERROR;
    }

    @JsonCreator
    public static EventType fromWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + name + "'");
    }
}
