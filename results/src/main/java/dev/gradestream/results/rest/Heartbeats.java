package dev.gradestream.results.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/**
 * Interleaves an SSE comment line into a stream at a fixed period, whether events flow or not, so
 * proxies and load balancers that cut silent connections leave it open; they stop the moment the stream
 * itself ends. (A fixed tick costs a line per period; resetting it on every event would cost more.)
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
