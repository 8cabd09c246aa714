package dev.gradestream.results.messaging;

import dev.gradestream.results.store.StoredEvent;
import dev.gradestream.results.store.SubmissionEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one broadcast consumer of {@code results} per instance: from the topic's end at boot, every stage
 * event goes into the store, which hands it to every reader following that submission.
 */
@ApplicationScoped
public class ResultsConsumer {
    private final SubmissionEventStore store;

    ResultsConsumer(SubmissionEventStore store) {
        this.store = store;
    }

    @Incoming(ResultsChannels.RESULTS_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            store.append(StoredEvent.read(record.value()));
        } catch (IOException e) {
            UnreadableRecords.skip(record, e);
        }
    }
}
