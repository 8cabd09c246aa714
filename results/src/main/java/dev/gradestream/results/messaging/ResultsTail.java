package dev.gradestream.results.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Tells when the tail of {@code results} is in place. The tail starts at the topic's end (what came
 * before is read on demand), so until its partitions are assigned and positioned an event could be
 * written before the tail and after the moment a reader asked: the instance is not ready till then.
 */
@ApplicationScoped
@Identifier(ResultsChannels.RESULTS_TAIL_LISTENER)
public class ResultsTail implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(ResultsTail.class);

    private volatile boolean positioned;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // position() resolves "latest" now, rather than at the first fetch.
        partitions.forEach(consumer::position);
        positioned = !partitions.isEmpty();
        LOG.debugf("Tailing %d partitions of results", partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        positioned = false;
    }

    public boolean positioned() {
        return positioned;
    }
}
