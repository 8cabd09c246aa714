package dev.gradestream.results.rest;

import dev.gradestream.results.store.StoredEvent;
import dev.gradestream.results.store.StreamPosition;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * How a stage event looks on an SSE stream: {@code event:} is its type, {@code data:} the whole event
 * as JSON (the stored text: one copy for every reader), {@code id:} its position within the attempt
 * ({@code attempt/seq}).
 */
public final class StageEventSse {
    private StageEventSse() {
    }

    public static OutboundSseEvent toSse(Sse sse, StoredEvent event) {
        return sse.newEventBuilder()
                .id(new StreamPosition(event.attempt(), event.seq()).id())
                .name(event.type().wireName())
                .data(String.class, event.json())
                .build();
    }
}
