package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A submission graded twice (the executor died mid-job and a new attempt ran): readers are told when
 * the attempt they watch is superseded, never shown the two mixed, and the verdict is the newer one.
 */
@QuarkusTest
class AttemptsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aReaderInTheMiddleOfAnAttemptIsToldItWasSuperseded() throws Exception {
        String id = Ids.newSubmissionId();
        long now = System.currentTimeMillis();
        String first = Ids.uuidV7(now - 2000).toString();
        String second = Ids.uuidV7(now).toString();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, event(id, first, 1, EventType.STARTED, Map.of()));
            send(producer, event(id, first, 2, EventType.COMPILED, Map.of()));
            awaitStatus(id, 202);

            CountDownLatch firstAttemptSeen = new CountDownLatch(2);
            CompletableFuture<List<SseClient.Event>> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return SseClient.get(base.resolve("/submissions/" + id + "/events"),
                            event -> firstAttemptSeen.countDown());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(firstAttemptSeen.await(30, TimeUnit.SECONDS)).as("reader got the first attempt").isTrue();

            send(producer, event(id, second, 1, EventType.STARTED, Map.of()));
            send(producer, event(id, second, 2, EventType.COMPILED, Map.of()));
            send(producer, event(id, second, 3, EventType.COMPLETED, Map.of("id", id, "status", "passed")));

            List<SseClient.Event> stream = reader.get(30, TimeUnit.SECONDS);
            assertThat(stream).extracting(SseClient.Event::name)
                    .containsExactly("started", "compiled", "superseded", "started", "compiled", "completed");
            assertThat(stream).extracting(SseClient.Event::id).containsExactly(first + "/1", first + "/2",
                    second + "/0", second + "/1", second + "/2", second + "/3");
            assertThat(stream.get(2).data()).contains("\"previousAttempt\":\"" + first + "\"");
        }
        given().get("/submissions/" + id).then().statusCode(200).body("status", equalTo("passed"));
        // A late record of the older attempt changes nothing. The marker is another submission's event
        // under the same key (same partition, read in order): once it shows, the stale record was read.
        String marker = Ids.newSubmissionId();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, event(id, first, 3, EventType.COMPLETED, Map.of("id", id, "status", "failed")));
            producer.send(new ProducerRecord<>(Topics.RESULTS, id,
                    Json.toBytes(event(marker, second, 1, EventType.STARTED, Map.of())))).get();
        }
        awaitStatus(marker, 202);
        given().get("/submissions/" + id).then().statusCode(200).body("status", equalTo("passed"));
    }

    private static StageEvent event(String id, String attempt, int seq, EventType type, Map<String, String> data) {
        return new StageEvent(id, attempt, seq, type, Instant.now(), Json.mapper().valueToTree(data));
    }

    private static void send(KafkaProducer<String, byte[]> producer, StageEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RESULTS, event.submissionId(), Json.toBytes(event))).get();
    }

    private static void awaitStatus(String id, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get("/submissions/" + id).statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        given().get("/submissions/" + id).then().statusCode(status);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)),
                new StringSerializer(), new ByteArraySerializer());
    }
}
