package dev.gradestream.results.store;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A stage event as the store keeps it: the fields it orders and routes by, and the event's JSON text.
 * The text is written once and sent as is to every reader, however many follow the submission; the
 * whole event is parsed again only when someone asks for its data (a verdict), since a JSON tree weighs
 * several times its text.
 */
public record StoredEvent(String submissionId, String attempt, int seq, EventType type, String json) {
    /** Headers of the record and its three strings and arrays, and the list or map entry holding it. */
    private static final int OBJECT_OVERHEAD = 160;

    public static StoredEvent of(StageEvent event) {
        return new StoredEvent(event.submissionId(), event.attempt(), event.seq(), event.type(),
                new String(Json.toBytes(event), StandardCharsets.UTF_8));
    }

    /** From a {@code results} record's value, kept as written. */
    public static StoredEvent read(byte[] json) throws IOException {
        StageEvent event = Json.mapper().readValue(json, StageEvent.class);
        return new StoredEvent(event.submissionId(), event.attempt(), event.seq(), event.type(),
                new String(json, StandardCharsets.UTF_8));
    }

    /**
     * About how many bytes of heap this event holds: its three strings (ASCII JSON is one byte a char in
     * a compact string) plus the objects around them. What the cache's byte bound counts.
     */
    public long weight() {
        return json.length() + submissionId.length() + attempt.length() + OBJECT_OVERHEAD;
    }

    /** The whole event, data included. */
    public StageEvent event() {
        try {
            return Json.mapper().readValue(json, StageEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event no longer parses: " + json, e);
        }
    }
}
