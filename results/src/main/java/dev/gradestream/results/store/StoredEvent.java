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

    /** The whole event, data included. */
    public StageEvent event() {
        try {
            return Json.mapper().readValue(json, StageEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event no longer parses: " + json, e);
        }
    }
}
