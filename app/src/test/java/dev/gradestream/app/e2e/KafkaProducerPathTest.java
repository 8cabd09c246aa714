package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gradestream.protocol.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Other services talk to GradeStream through the broker alone: produce a submission, read results. */
@QuarkusTest
class KafkaProducerPathTest {

    @Test
    void submissionProducedByAnotherServiceIsGraded() throws Exception {
        String id = Ids.newSubmissionId();
        String json = "{\"code\":\"int twice(int x){return 2*x;}\",\"tests\":\"assert(twice(2)==4);\\nassert(twice(3)==7);\","
                + "\"metadata\":{\"course\":\"c101\"}}";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.SUBMISSIONS, id, json)).get();
        }
        // The record key is the id when the value carries none.
        awaitVerdict(id);
        given().get("/submissions/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("failed_tests", equalTo(List.of(2)))
                .body("metadata.course", equalTo("c101"));
    }

    @Test
    void everyFinalVerdictIsKeptInTheCompactedVerdictsTopic() throws Exception {
        String id = given().contentType("application/json")
                .body(Map.of("code", "int neg(int x) { return -x; }", "tests", "assert(neg(1) == -1);\nassert(neg(2) == 2);"))
                .post("/submit").then().statusCode(200).extract().path("id");

        ConsumerRecord<String, String> verdict = findOn(Topics.VERDICTS, id);
        JsonNode value = Json.mapper().readTree(verdict.value());
        assertThat(value.path("id").asText()).isEqualTo(id);
        assertThat(value.path("status").asText()).isEqualTo("failed");
        assertThat(value.path("failed_tests")).hasToString("[2]");
        assertThat(header(verdict, "gs-schema")).isEqualTo("1");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.VERDICTS);
            assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    private static void awaitVerdict(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (given().get("/submissions/" + id).statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no verdict for " + id + " within 60 s");
    }

    private static ConsumerRecord<String, String> findOn(String topic, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + key);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                    seen.add(record.key());
                }
            }
            throw new AssertionError("record " + key + " not on " + topic + "; saw " + seen);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
