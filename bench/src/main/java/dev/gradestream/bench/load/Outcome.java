package dev.gradestream.bench.load;

import dev.gradestream.bench.support.SseEvent;
import java.util.List;

/**
 * One submission of a load as the client saw it: its program, its id, when it was sent (µs since the epoch),
 * every event of its stream, or why there is none.
 */
public record Outcome(String program, String id, long sentMicros, List<SseEvent> events, String failure) {

    static Outcome failed(String program, long sentMicros, Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return new Outcome(program, null, sentMicros, List.of(), cause.toString());
    }

    /** The stream's last event, when it is {@code completed}. */
    public SseEvent completed() {
        SseEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        return last != null && last.type().equals("completed") ? last : null;
    }

    /** The first event of {@code type}, or null. */
    public SseEvent first(String type) {
        return events.stream().filter(event -> event.type().equals(type)).findFirst().orElse(null);
    }
}
