package dev.gradestream.app.readpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import dev.gradestream.results.history.TopicReaders;
import dev.gradestream.results.store.VerdictIndex;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A regrade asks for thousands of previous verdicts at once; with only two kept in memory, nearly all of
 * these come back from {@code verdicts} by offset, each the latest one written, with one reader per
 * partition rather than one per verdict.
 */
@QuarkusTest
@TestProfile(VerdictBatchReadTest.TwoCached.class)
class VerdictBatchReadTest {

    public static class TwoCached implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gradestream.results.max-cached-verdicts", "2");
        }
    }

    @Inject
    VerdictIndex index;

    @Inject
    TopicReaders readers;

    @Test
    void theLatestVerdictOfEachIsReadBackFromTheTopic() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                ids.add(Ids.newSubmissionId());
            }
            for (String id : ids) {
                producer.send(new ProducerRecord<>(Topics.VERDICTS, id, "{\"first\":\"" + id + "\"}"));
            }
            // A later verdict for every third: that one must be read, not the first.
            for (int i = 0; i < ids.size(); i++) {
                String value = i % 3 == 0 ? "{\"second\":\"" + ids.get(i) + "\"}" : "{\"first\":\"" + ids.get(i) + "\"}";
                if (i % 3 == 0) {
                    producer.send(new ProducerRecord<>(Topics.VERDICTS, ids.get(i), value));
                }
                expected.put(ids.get(i), value);
            }
            producer.flush();
        }
        List<String> asked = new ArrayList<>(expected.keySet());
        asked.add(Ids.newSubmissionId()); // never graded

        // The index follows the twelve partitions of verdicts each at its own pace: until it has taken in every
        // rewrite, a few ids still point at their first verdict, and that is what they read.
        Map<String, String> values = Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!values.equals(expected) && System.nanoTime() < deadline) {
            values = text(index.verdicts(asked));
            Thread.sleep(100);
        }
        assertThat(values).containsExactlyInAnyOrderEntriesOf(expected);

        // Once everything is indexed: one reader per partition of verdicts for ~598 cold reads, not one each.
        long before = readers.opened();
        assertThat(index.verdicts(asked)).hasSize(expected.size());
        assertThat(readers.opened() - before).isBetween(1L, 12L);
    }

    private static Map<String, String> text(Map<String, byte[]> verdicts) {
        Map<String, String> values = new LinkedHashMap<>();
        verdicts.forEach((id, json) -> values.put(id, new String(json, StandardCharsets.UTF_8)));
        return values;
    }
}
