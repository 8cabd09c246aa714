package dev.gradestream.results.messaging;

import dev.gradestream.results.store.VerdictIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Indexes every record of {@code verdicts}, from the start at each boot, then as they come. */
@ApplicationScoped
public class VerdictsConsumer {
    private final VerdictIndex index;
    private final ReplayProgress progress;

    VerdictsConsumer(VerdictIndex index, ReplayProgress progress) {
        this.index = index;
        this.progress = progress;
    }

    @Incoming(ResultsChannels.VERDICTS_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null) {
            index.put(record.key(), record.partition(), record.offset(), record.value());
        }
        progress.read(record.partition(), record.offset());
    }
}
