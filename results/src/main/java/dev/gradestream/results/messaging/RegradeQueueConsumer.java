package dev.gradestream.results.messaging;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.VerdictSummary;
import dev.gradestream.results.regrade.RegradeBook;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
        String regrade = text(record.headers().lastHeader(Headers.REGRADE));
        if (regrade == null || record.key() == null) {
            return; // put there by someone else than a regrade request
        }
        VerdictSummary before = null;
        String previous = text(record.headers().lastHeader(Headers.REGRADE_PREVIOUS));
        if (previous != null) {
            try {
                before = Json.mapper().readValue(previous, VerdictSummary.class);
            } catch (IOException e) {
                UnreadableRecords.skip(record, e);
            }
        }
        book.selected(regrade, record.key(), before);
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
