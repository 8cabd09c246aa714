package dev.gradestream.executor.messaging;

import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.trace.TraceContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Writes each final verdict to {@code verdicts}, keyed by submission id: the topic is compacted, so it
 * keeps the latest verdict of every submission for as long as the cluster keeps anything.
 */
@ApplicationScoped
public class VerdictPublisher {
    private final MutinyEmitter<byte[]> emitter;

    VerdictPublisher(@Channel(ExecutorChannels.VERDICTS_OUT) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes when Kafka has acknowledged the verdict.
     *
     * @param trace the job's context, the same as on its stage events
     */
    public Uni<Void> publish(Verdict verdict, TraceContext trace) {
        return emitter.sendMessage(KeyedJson.message(verdict.id(), verdict, trace));
    }
}
