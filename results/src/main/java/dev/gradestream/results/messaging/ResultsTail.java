package dev.gradestream.results.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells when the tail of {@code results} is in place. The tail starts at the topic's end (what came
 * before is read on demand), so until its partitions are assigned and positioned an event could be
 * written before the tail and after the moment a reader asked: the instance is not ready till then.
 */
@ApplicationScoped
@Identifier(ResultsChannels.RESULTS_TAIL_LISTENER)
public class ResultsTail implements KafkaConsumerRebalanceListener {
    /** Whether the tail runs here: off where neither the read nor the write path is (executor pods). */
    public static final String ENABLED = "mp.messaging.incoming." + ResultsChannels.RESULTS_IN + ".enabled";
    private static final Logger LOG = Logger.getLogger(ResultsTail.class);

    private final boolean enabled;
    private volatile boolean positioned;

    ResultsTail(@ConfigProperty(name = ENABLED, defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
    }

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

    public boolean enabled() {
        return enabled;
    }

    public boolean positioned() {
        return positioned;
    }
}
