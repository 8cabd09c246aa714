package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Writes stage events to {@code results}, keyed by submission id: one key, one partition, one
 * producer, so a submission's events stay in the order they were sent.
 */
@ApplicationScoped
public class StageEventPublisher {
    private final MutinyEmitter<byte[]> emitter;

    StageEventPublisher(@Channel(ExecutorChannels.RESULTS_OUT) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes when Kafka has acknowledged the event.
     *
     * @param trace the job's context: the submission's trace with the job's own span id
     */
    public Uni<Void> publish(StageEvent event, TraceContext trace) {
        return emitter.sendMessage(KeyedJson.message(event.submissionId(), event, trace, event.regrade()));
    }
}
