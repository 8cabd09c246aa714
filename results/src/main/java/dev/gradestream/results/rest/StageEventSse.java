package dev.gradestream.results.rest;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.store.StreamPosition;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;

/**
 * How a stage event looks on an SSE stream: {@code event:} is its type, {@code data:} the whole event
 * as JSON, {@code id:} its position within the attempt ({@code attempt/seq}).
 */
public final class StageEventSse {
    private StageEventSse() {
    }

    public static OutboundSseEvent toSse(Sse sse, StageEvent event) {
        return sse.newEventBuilder()
                .id(new StreamPosition(event.attempt(), event.seq()).id())
                .name(event.type().wireName())
                .data(String.class, new String(Json.toBytes(event), StandardCharsets.UTF_8))
                .build();
    }
}
