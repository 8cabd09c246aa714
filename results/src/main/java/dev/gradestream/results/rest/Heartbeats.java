package dev.gradestream.results.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * Interleaves SSE comment lines into a stream while it is idle, so proxies and load balancers that cut
 * silent connections leave it open; they stop the moment the stream itself ends.
 */
public final class Heartbeats {
    private Heartbeats() {
    }

    public static Multi<OutboundSseEvent> around(Multi<OutboundSseEvent> events, Duration every, Sse sse) {
        OutboundSseEvent beat = sse.newEventBuilder().comment("keep-alive").build();
        // The emitter serializes the two sources: ticks and events never interleave mid-write.
        return Multi.createFrom().emitter(emitter -> {
            Cancellable ticks = Multi.createFrom().ticks().every(every).subscribe().with(tick -> emitter.emit(beat));
            Cancellable stream = events.subscribe().with(emitter::emit,
                    failure -> {
                        ticks.cancel();
                        emitter.fail(failure);
                    },
                    () -> {
                        ticks.cancel();
                        emitter.complete();
                    });
            emitter.onTermination(() -> {
                ticks.cancel();
                stream.cancel();
            });
        });
    }
}
