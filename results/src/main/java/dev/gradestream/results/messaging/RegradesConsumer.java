package dev.gradestream.results.messaging;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.results.regrade.RegradeBook;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every regrade request, from the start of the compacted {@code regrades} topic at each boot, then as they come. */
@ApplicationScoped
public class RegradesConsumer {
    private final RegradeBook book;

    RegradesConsumer(RegradeBook book) {
        this.book = book;
    }

    @Incoming(ResultsChannels.REGRADES_IN)
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone
        }
        try {
            book.requested(Json.mapper().readValue(record.value(), Regrade.class));
        } catch (IOException e) {
            UnreadableRecords.skip(record, e);
        }
    }
}
