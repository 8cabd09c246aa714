package dev.gradestream.protocol.trace;

import static dev.gradestream.protocol.Headers.text;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Headers;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/), carried from the HTTP request through every
 * Kafka record a submission causes, so the log lines and records of one submission can be joined across
 * services. Hand-written and tiny: GradeStream records no spans, it only passes the context on and names
 * its own hops (each writer of records takes a {@link #child()} span id).
 *
 * @param traceId 32 lowercase hex digits, not all zero: the same on every hop of one submission
 * @param spanId  16 lowercase hex digits, not all zero: the hop that wrote this context
 * @param flags   2 lowercase hex digits ({@code 01} = sampled), passed on unchanged
 * @param state   the {@code tracestate} header, passed on unchanged; null when there was none
 */
public record TraceContext(String traceId, String spanId, String flags, String state) {
    /** The HTTP and Kafka header names (the same in both). */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final String VERSION = "00";
    /** Not sampled: GradeStream records no spans, so it does not claim that anyone did. */
    private static final String NOT_SAMPLED = "00";
    private static final int TRACEPARENT_LENGTH = 55;
    private static final int MAX_STATE_LENGTH = 512;
    private static final HexFormat HEX = HexFormat.of();

    public TraceContext {
        if (!isHexId(traceId, 32) || !isHexId(spanId, 16) || !isHex(flags, 2)) {
            throw new IllegalArgumentException("not a W3C trace context: " + traceId + "/" + spanId + "/" + flags);
        }
        state = validState(state) ? state : null;
    }

    /** A new trace, for work that arrived without one. */
    public static TraceContext start() {
        return new TraceContext(randomHex(16), randomHex(8), NOT_SAMPLED, null);
    }

    /**
     * The context a {@code traceparent} header names, if it is a valid one. Per the specification an
     * unknown future version is read by its first four fields; version {@code ff} and all-zero ids are
     * invalid. A {@code tracestate} is kept only together with a valid {@code traceparent}.
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String value = traceparent.strip();
        if (value.length() < TRACEPARENT_LENGTH || !isHex(value.substring(0, 2), 2) || value.startsWith("ff")
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        boolean exactLength = value.length() == TRACEPARENT_LENGTH;
        if (value.startsWith(VERSION) ? !exactLength : !exactLength && value.charAt(TRACEPARENT_LENGTH) != '-') {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!isHexId(traceId, 32) || !isHexId(spanId, 16) || !isHex(flags, 2)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceId, spanId, flags, tracestate));
    }

    /** The context the headers carry, or a new trace when they carry none (or an invalid one). */
    public static TraceContext fromHeaders(Headers headers) {
        return parse(text(headers, TRACEPARENT), text(headers, TRACESTATE)).orElseGet(TraceContext::start);
    }

    /** The same trace with a new span id: what a hop writes on the records it produces. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), flags, state);
    }

    /** The {@code traceparent} header value. */
    public String traceparent() {
        return VERSION + "-" + traceId + "-" + spanId + "-" + flags;
    }

    /** Sets {@code traceparent} (and {@code tracestate} when there is one) on the headers, replacing any. */
    public Headers toHeaders(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        headers.add(TRACEPARENT, traceparent().getBytes(StandardCharsets.US_ASCII));
        if (state != null) {
            headers.add(TRACESTATE, state.getBytes(StandardCharsets.US_ASCII));
        }
        return headers;
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (allZero(id));
        return HEX.formatHex(id);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexId(String value, int length) {
        return isHex(value, length) && !value.chars().allMatch(c -> c == '0');
    }

    private static boolean isHex(String value, int length) {
        return value != null && value.length() == length
                && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Printable ASCII within the specification's 512 characters; anything else is dropped, not passed on. */
    private static boolean validState(String state) {
        return state != null && !state.isBlank() && state.length() <= MAX_STATE_LENGTH
                && state.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
