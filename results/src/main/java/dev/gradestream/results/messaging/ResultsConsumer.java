package dev.gradestream.results.messaging;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.store.SubmissionEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Feeds every stage event on {@code results} into the in-memory store that serves readers. */
@ApplicationScoped
public class ResultsConsumer {
    private static final Logger LOG = Logger.getLogger(ResultsConsumer.class);

    private final SubmissionEventStore store;
    private final ReplayProgress progress;

    ResultsConsumer(SubmissionEventStore store, ReplayProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    @Incoming(ResultsChannels.RESULTS_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        try {
            store.append(Json.mapper().readValue(record.value(), StageEvent.class));
        } catch (IOException e) {
            // The results topic is written only by executors; a bad record there is a bug to see, not to retry.
            LOG.errorf("Skipping unreadable record at results-%d@%d: %s", record.partition(), record.offset(), e.getMessage());
        }
        progress.read(record.partition(), record.offset());
    }
}
