package dev.gradestream.app.readpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.Ids;
import dev.gradestream.results.history.TopicSlices;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading one key's records out of a real 12-partition topic: the partition is the one the producer
 * chose, the slice starts at the given time and stops at the bound, and other keys are left out.
 */
@QuarkusTest
class TopicSlicesTest {
    private static final String TOPIC = "slices-test";
    /** Its own topic: records stamped now would come before the other test's T0 records in a shared one. */
    private static final String PASS_TOPIC = "slices-pass-test";
    private static final long T0 = 1_780_000_000_000L;

    @Inject
    TopicSlices slices;

    @BeforeAll
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 12, (short) 1), new NewTopic(PASS_TOPIC, 12, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeysRecordsAreFoundInItsPartitionBetweenTheTimeBounds() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(Ids.uuidV7(T0 + i).toString());
        }
        try (KafkaProducer<String, String> producer = producer()) {
            // Interleaved: for each second, one record of every key, stamped T0 + second.
            for (int second = 0; second < 6; second++) {
                for (String key : keys) {
                    send(producer, key, T0 + second * 1000L, key + "@" + second);
                }
            }
        }

        for (String key : keys) {
            assertThat(values(slices.recordsOf(TOPIC, key, T0 + 1000, T0 + 3000)))
                    .containsExactly(key + "@1", key + "@2", key + "@3");
        }
        assertThat(values(slices.recordsOf(TOPIC, keys.get(0), T0 - 60_000, Long.MAX_VALUE))).hasSize(6);
        assertThat(slices.recordsOf(TOPIC, keys.get(0), T0 + 10_000, Long.MAX_VALUE)).isEmpty();
        assertThat(slices.recordsOf(TOPIC, "a-key-never-written", T0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aRecordIsReadBackByItsOffset() throws Exception {
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = producer()) {
            written = send(producer, "by-offset", T0, "the value");
        }
        ConsumerRecord<String, byte[]> read = slices.recordAt(TOPIC, written.partition(), written.offset()).orElseThrow();
        assertThat(read.key()).isEqualTo("by-offset");
        assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo("the value");
        assertThat(slices.recordAt(TOPIC, written.partition(), written.offset() + 1)).isEmpty();
    }

    @Test
    void manyRecordsOfOnePartitionAreReadByOffsetInOnePass() throws Exception {
        int partition = 7;
        long first;
        try (KafkaProducer<String, String> producer = producer()) {
            first = producer.send(new ProducerRecord<>(PASS_TOPIC, partition, "pass-0", "value 0")).get(10, TimeUnit.SECONDS).offset();
            for (int i = 1; i < 3000; i++) {
                producer.send(new ProducerRecord<>(PASS_TOPIC, partition, "pass-" + i, "value " + i));
            }
            producer.flush();
        }
        // Close together, far apart (read through, and jumped over), the last, and one past the end.
        List<Integer> indexes = List.of(0, 1, 2, 40, 41, 1500, 2998, 2999);
        TreeSet<Long> offsets = new TreeSet<>();
        indexes.forEach(i -> offsets.add(first + i));
        offsets.add(first + 3000);

        Map<Long, ConsumerRecord<String, byte[]>> read = slices.recordsAt(PASS_TOPIC, partition, offsets);

        assertThat(read).hasSize(indexes.size()).doesNotContainKey(first + 3000);
        for (int i : indexes) {
            ConsumerRecord<String, byte[]> record = read.get(first + i);
            assertThat(record.key()).isEqualTo("pass-" + i);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("value " + i);
        }
        assertThat(slices.recordsAt(PASS_TOPIC, partition, new TreeSet<>())).isEmpty();
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, String key, long timestamp, String value)
            throws Exception {
        return producer.send(new ProducerRecord<>(TOPIC, null, timestamp, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
