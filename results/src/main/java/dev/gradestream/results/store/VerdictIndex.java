package dev.gradestream.results.store;

import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.history.TopicSlices;
import dev.gradestream.results.messaging.ResultsChannels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The final verdict of every submission, rebuilt from the compacted {@code verdicts} topic at boot: in
 * memory only where each one lies in the topic (some 150 bytes a submission) and the most recent
 * verdicts themselves; any other is read back from its offset when asked for.
 */
@ApplicationScoped
public class VerdictIndex {
    private record Location(int partition, long offset) {
    }

    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    private final RecentVerdicts recent;
    private final TopicSlices slices;
    private final String topic;

    VerdictIndex(ResultsConfig config, TopicSlices slices,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.VERDICTS_IN + ".topic") String topic) {
        this.slices = slices;
        this.topic = topic;
        this.recent = new RecentVerdicts(config.maxCachedVerdicts(), config.maxCachedVerdictBytes().asLongValue());
    }

    /** Takes in one record of {@code verdicts}: a newer verdict replaces the older, a tombstone removes it. */
    public void put(String submissionId, int partition, long offset, byte[] verdictJson) {
        if (verdictJson == null) {
            locations.remove(submissionId);
            recent.remove(submissionId);
            return;
        }
        locations.put(submissionId, new Location(partition, offset));
        recent.put(submissionId, verdictJson);
    }

    /** The verdict as the JSON the executor wrote; may read it from Kafka, so call it off the event loop. */
    public Optional<byte[]> verdict(String submissionId) {
        Optional<byte[]> cached = recent.get(submissionId);
        if (cached.isPresent()) {
            return cached;
        }
        for (int tries = 0; tries < 2; tries++) {
            Location location = locations.get(submissionId);
            if (location == null) {
                return Optional.empty();
            }
            Optional<byte[]> stored = slices.recordAt(topic, location.partition(), location.offset())
                    .filter(record -> submissionId.equals(record.key()))
                    .map(ConsumerRecord::value);
            if (stored.isPresent()) {
                recent.put(submissionId, stored.get());
                return stored;
            }
            // Compacted away under us: a newer verdict was written, and its location is being indexed.
        }
        return Optional.empty();
    }

    /**
     * The verdicts of many submissions at once (a regrade's previous verdicts): the cached ones, and the
     * rest read in one pass per partition ({@link TopicSlices#recordsAt}) instead of a reader each. An id
     * whose record was compacted away meanwhile is looked up again alone; one without a verdict is absent.
     */
    public Map<String, byte[]> verdicts(Collection<String> submissionIds) {
        Map<String, byte[]> found = new HashMap<>();
        Map<Integer, Map<Long, String>> missing = new TreeMap<>();
        for (String id : submissionIds) {
            Optional<byte[]> cached = recent.get(id);
            Location location = locations.get(id);
            if (cached.isPresent()) {
                found.put(id, cached.get());
            } else if (location != null) {
                missing.computeIfAbsent(location.partition(), p -> new HashMap<>()).put(location.offset(), id);
            }
        }
        missing.forEach((partition, ids) -> {
            Map<Long, ConsumerRecord<String, byte[]>> read = slices.recordsAt(topic, partition, new TreeSet<>(ids.keySet()));
            ids.forEach((offset, id) -> {
                ConsumerRecord<String, byte[]> record = read.get(offset);
                Optional<byte[]> verdict = record != null && id.equals(record.key())
                        ? Optional.of(record.value()) : verdict(id);
                verdict.ifPresent(json -> found.put(id, json));
            });
        });
        return found;
    }
}
