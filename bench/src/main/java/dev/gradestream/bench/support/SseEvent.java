package dev.gradestream.bench.support;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Server-Sent Event as a client received it: {@code id:} ({@code <attempt>/<seq>}), {@code event:}, the
 * {@code data:} text, and when its blank line arrived (µs since the epoch, the clock the app's {@code at} uses).
 */
public record SseEvent(String id, String type, String data, long receivedMicros) {
    private static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"");

    public String attempt() {
        return id.substring(0, id.lastIndexOf('/'));
    }

    public int seq() {
        return Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
    }

    public boolean isTerminal() {
        return type.equals("completed") || type.equals("error");
    }

    /**
     * The event's own {@code at}, in µs since the epoch. The first {@code "at"} of the text is the
     * event's: StageEvent puts it before {@code data}.
     */
    public long atMicros() {
        Matcher at = AT.matcher(data);
        if (!at.find()) {
            throw new IllegalStateException("no \"at\" in event " + id + ": " + data);
        }
        return micros(Instant.parse(at.group(1)));
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
