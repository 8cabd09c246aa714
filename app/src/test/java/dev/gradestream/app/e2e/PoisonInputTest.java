package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Ids;
import dev.gradestream.app.ops.PrometheusScrape;
import dev.gradestream.protocol.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Records the executor cannot grade go to {@code submissions.dlq} as they were, with why in the headers,
 * their watchers get an {@code error} event, and the executor goes on with the next one.
 */
@QuarkusTest
@TestProfile(IntakeProfile.class)
class PoisonInputTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String INVALID = "dev.gradestream.protocol.validation.InvalidSubmissionException";

    @Test
    void garbageInvalidAndCrashingRecordsAreDeadLetteredAndTheNextOneIsGraded() throws Exception {
        String garbageKey = Ids.newSubmissionId();
        byte[] garbage = {(byte) 0xC3, 0x28, 'n', 'o', 't', 0x00, (byte) 0xFF, '{'};
        String invalidId = Ids.newSubmissionId();
        String invalid = "{\"id\": \"" + invalidId + "\", \"tests\": \"assert(1);\"}";
        String crashingId = Ids.newSubmissionId();
        String crashing = "{\"code\": \"int one(void) { return 1; }\", \"tests\": \"assert(one() == 1);\", "
                + "\"valgrind\": false, \"metadata\": {\"" + CrashingGrader.MARKER + "\": \"yes\"}}";
        String goodId = Ids.newSubmissionId();
        double invalidBefore = deadLetters("invalid_submission");
        double crashedBefore = deadLetters("grader_failed");
        RecordMetadata garbageAt;
        RecordMetadata invalidAt;
        RecordMetadata crashingAt;
        try (TestKafka kafka = new TestKafka()) {
            garbageAt = kafka.send(Topics.SUBMISSIONS, garbageKey, garbage);
            // No key: the id in the value is who to tell.
            invalidAt = kafka.send(Topics.SUBMISSIONS, null, invalid);
            crashingAt = kafka.send(Topics.SUBMISSIONS, crashingId, crashing);
            kafka.send(Topics.SUBMISSIONS, goodId, "{\"code\": \"int two(void) { return 2; }\", "
                    + "\"tests\": \"assert(two() == 2);\", \"valgrind\": false}");
        }

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.readUntil(Topics.SUBMISSIONS_DLQ,
                read -> keys(read).containsAll(Arrays.asList(garbageKey, crashingId)) && keys(read).contains(null), WITHIN);

        ConsumerRecord<String, byte[]> garbageDead = only(dead, garbageKey);
        assertThat(garbageDead.value()).isEqualTo(garbage);
        assertDeadLetterHeaders(garbageDead, garbageAt, INVALID);
        assertThat(header(garbageDead, "dead-letter-reason"))
                .startsWith("Not graded: the submission is not valid JSON at line 1, column ")
                .endsWith(". Fix the submission and send it again.");

        ConsumerRecord<String, byte[]> invalidDead = only(dead, null);
        assertThat(new String(invalidDead.value(), StandardCharsets.UTF_8)).isEqualTo(invalid);
        assertDeadLetterHeaders(invalidDead, invalidAt, INVALID);
        assertThat(header(invalidDead, "dead-letter-reason"))
                .isEqualTo("Not graded: code is required; send the source code as a string. Fix the submission and send it again.");

        ConsumerRecord<String, byte[]> crashingDead = only(dead, crashingId);
        assertThat(new String(crashingDead.value(), StandardCharsets.UTF_8)).isEqualTo(crashing);
        assertDeadLetterHeaders(crashingDead, crashingAt, IllegalStateException.class.getName());
        assertThat(header(crashingDead, "dead-letter-reason")).isEqualTo("Not graded: the grader failed on all "
                + IntakeProfile.MAX_ATTEMPTS + " attempts, the last time with IllegalStateException: " + CrashingGrader.FAILURE
                + ". The submission may well be fine; tell the GradeStream operators, who can send it again from "
                + "submissions.dlq.");

        // Watchers of each id are told why; the crashing one was tried max-attempts times, each a new attempt.
        List<ConsumerRecord<String, byte[]>> results = TestKafka.readUntil(Topics.RESULTS,
                read -> TestKafka.hasEvent(read, garbageKey, "error") && TestKafka.hasEvent(read, invalidId, "error")
                        && TestKafka.hasEvent(read, crashingId, "error") && TestKafka.hasEvent(read, goodId, "completed"),
                WITHIN);
        assertThat(typesOf(results, garbageKey)).containsExactly("error");
        assertThat(reasonOf(results, garbageKey)).isEqualTo(header(garbageDead, "dead-letter-reason"));
        assertThat(typesOf(results, invalidId)).containsExactly("error");
        assertThat(reasonOf(results, invalidId)).isEqualTo(header(invalidDead, "dead-letter-reason"));
        assertThat(typesOf(results, crashingId)).containsExactly("started", "started", "started", "error");
        assertThat(reasonOf(results, crashingId)).isEqualTo(header(crashingDead, "dead-letter-reason"));
        assertThat(eventsOf(results, crashingId).stream().map(event -> event.path("attempt").asText()).distinct())
                .as("a new attempt each time, and one more for the error").hasSize(IntakeProfile.MAX_ATTEMPTS + 1);

        // Counted by why: /q/metrics is how operators see dead letters pile up.
        assertThat(awaitDeadLetters("invalid_submission", invalidBefore + 2)).isEqualTo(invalidBefore + 2);
        assertThat(awaitDeadLetters("grader_failed", crashedBefore + 1)).isEqualTo(crashedBefore + 1);

        given().get("/submissions/" + crashingId).then().statusCode(200).body("status", equalTo("internal_error"));
        given().get("/submissions/" + invalidId).then().statusCode(200).body("status", equalTo("internal_error"));
        given().get("/submissions/" + goodId).then().statusCode(200)
                .body("status", equalTo("passed"))
                .body("failed_tests", equalTo(List.of()));
    }

    private static void assertDeadLetterHeaders(ConsumerRecord<String, byte[]> dead, RecordMetadata original, String exception) {
        assertThat(Arrays.stream(dead.headers().toArray()).map(Header::key)).containsExactly("dead-letter-reason",
                "dead-letter-exception", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset", "gs-schema");
        assertThat(header(dead, "dead-letter-exception")).isEqualTo(exception);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SUBMISSIONS);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo(String.valueOf(original.partition()));
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(String.valueOf(original.offset()));
        assertThat(header(dead, "gs-schema")).isEqualTo("1");
    }

    /** {@code gradestream_dead_letters_total{reason=…}}; 0 before the first. */
    private static double deadLetters(String reason) {
        return PrometheusScrape.take().find("gradestream_dead_letters_total", "reason", reason).orElse(0.0);
    }

    private static double awaitDeadLetters(String reason, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double now = deadLetters(reason);
        while (now < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = deadLetters(reason);
        }
        return now;
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toList());
    }

    private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String key) {
        List<ConsumerRecord<String, byte[]>> matching = records.stream()
                .filter(record -> key == null ? record.key() == null : key.equals(record.key())).toList();
        assertThat(matching).as("dead letters with key " + key).hasSize(1);
        return matching.get(0);
    }

    private static List<JsonNode> eventsOf(List<ConsumerRecord<String, byte[]>> results, String id) {
        return results.stream().filter(record -> id.equals(record.key())).map(TestKafka::json).toList();
    }

    private static List<String> typesOf(List<ConsumerRecord<String, byte[]>> results, String id) {
        return eventsOf(results, id).stream().map(event -> event.path("type").asText()).toList();
    }

    private static String reasonOf(List<ConsumerRecord<String, byte[]>> results, String id) {
        return eventsOf(results, id).stream().filter(event -> event.path("type").asText().equals("error"))
                .map(event -> event.path("data").path("reason").asText()).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
