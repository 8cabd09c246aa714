package dev.gradestream.results.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.regrade.RegradeBook;
import dev.gradestream.results.store.StoredEvent;
import dev.gradestream.results.store.SubmissionEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one broadcast consumer of {@code results} per instance: from the topic's end at boot, every stage
 * event goes into the store, which hands it to every reader following that submission. A regrade's
 * events (marked by a header) go to the regrade book instead: they are not part of the submission's own
 * stream, and a regrade of thousands must not push live submissions out of the store's cache.
 */
@ApplicationScoped
public class ResultsConsumer {
    private final SubmissionEventStore store;
    private final RegradeBook regrades;

    ResultsConsumer(SubmissionEventStore store, RegradeBook regrades) {
        this.store = store;
        this.regrades = regrades;
    }

    @Incoming(ResultsChannels.RESULTS_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            String regrade = Headers.text(record.headers(), Headers.REGRADE);
            if (regrade == null) {
                store.append(StoredEvent.read(record.value()));
            } else if (regrades.tracks(regrade)) {
                // Most instances report on no regrade: there a whole regrade's events go by unparsed.
                regrades.event(Json.mapper().readValue(record.value(), StageEvent.class));
            }
        } catch (IOException e) {
            UnreadableRecords.skip(record, e);
        }
    }
}
