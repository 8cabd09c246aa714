package dev.gradestream.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test's own producer and group-less readers on the app's embedded broker. */
final class TestKafka implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()), new StringSerializer(), new ByteArraySerializer());

    /** Where Kafka put it, once acknowledged. */
    RecordMetadata send(String topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** With headers, their values as UTF-8 text. */
    RecordMetadata send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record).get();
    }

    RecordMetadata send(String topic, String key, String value) throws Exception {
        return send(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The partition the producers' default partitioner gives this key. */
    int partitionOf(String topic, String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % producer.partitionsFor(topic).size();
    }

    /** The offset the next record of the partition will get. */
    static long endOffset(TopicPartition partition) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Every record of the topic from its start, read until {@code done} holds for what was read. */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration atMost) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
            return readUntil(consumer, partitions, done, atMost);
        }
    }

    /** The offset the next record of each partition of the topic will get, by partition number. */
    static Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
            Map<Integer, Long> ends = new java.util.TreeMap<>();
            consumer.endOffsets(partitions).forEach((partition, offset) -> ends.put(partition.partition(), offset));
            return ends;
        }
    }

    /** Every record of the topic, from its start to its end as of now. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return readUntil(consumer, partitions, read -> partitions.stream().allMatch(partition ->
                    consumer.position(partition) >= ends.get(partition)), Duration.ofSeconds(60));
        }
    }

    /** The records of one partition from its start, read until {@code done} holds for what was read. */
    static List<ConsumerRecord<String, byte[]>> readUntil(TopicPartition partition,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration atMost) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return readUntil(consumer, List.of(partition), done, atMost);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readUntil(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration atMost) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within " + atMost + " on " + partitions + "; read " + read.size() + " records");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        return read;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap()), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A record's value as JSON (a stage event, a verdict). */
    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the records hold an event of this type for this submission. */
    static boolean hasEvent(List<ConsumerRecord<String, byte[]>> records, String submissionId, String type) {
        return records.stream().anyMatch(record -> submissionId.equals(record.key())
                && type.equals(json(record).path("type").asText()));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @Override
    public void close() {
        producer.close();
    }
}
