package dev.gradestream.results.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.VerdictSummary;
import dev.gradestream.results.regrade.RegradeBook;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What each regrade selected, from {@code submissions.regrade} (from its start at each boot, as far as
 * the topic's retention keeps it): the regrade id and the verdict before are in the headers, so no
 * submission is parsed.
 */
@ApplicationScoped
public class RegradeQueueConsumer {
    private final RegradeBook book;

    RegradeQueueConsumer(RegradeBook book) {
        this.book = book;
    }

    @Incoming(ResultsChannels.REGRADE_QUEUE_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        String regrade = Headers.text(record.headers(), Headers.REGRADE);
        if (regrade == null || record.key() == null) {
            return; // put there by someone else than a regrade request
        }
        VerdictSummary before = null;
        String previous = Headers.text(record.headers(), Headers.REGRADE_PREVIOUS);
        if (previous != null) {
            try {
                before = Json.mapper().readValue(previous, VerdictSummary.class);
            } catch (IOException e) {
                UnreadableRecords.skip(record, e);
            }
        }
        book.selected(regrade, record.key(), before);
    }
}
