package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gradestream.app.ops.PrometheusScrape;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure on the real broker: more submissions on {@code submissions} than the executors keep up
 * with make the write path refuse new ones, and it accepts again once they have been graded.
 */
@QuarkusTest
@TestProfile(BackpressureTest.SmallQueue.class)
class BackpressureTest {
    private static final int MAX_LAG = 5;
    private static final int RESUME_LAG = 2;
    /**
     * Enough that the graders are still draining it while the three refusals are asked for: with 40, a run
     * whose intake no longer waited for offset commits got below the resume bound before the third.
     */
    private static final int BURST = 100;
    private static final Pattern DETAIL = Pattern.compile(
            "(\\d+) submissions are waiting to be graded, more than the limit of 5\\. "
                    + "Nothing was queued; send it again in (\\d+) s\\.");
    /**
     * Graded without Valgrind, so the burst drains in about half the time; each one's code differs by a
     * comment, as a deadline's do, so none is a build-cache hit that would drain before the lag is read.
     */
    private static final String QUICK =
            "{\"code\":\"/* %d */ int add(int a, int b) { return a + b; }\",\"tests\":\"assert(add(1, 2) == 3);\",\"valgrind\":false}";
    private static final Map<String, String> ADD = Map.of("code", "int add(int a, int b) { return a + b; }",
            "tests", "assert(add(1, 2) == 3);");

    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gradestream.ingest.max-lag", String.valueOf(MAX_LAG),
                    "gradestream.ingest.resume-lag", String.valueOf(RESUME_LAG),
                    "gradestream.ingest.lag-refresh", "200ms");
        }
    }

    @Test
    void refusesWith429AboveTheBoundAndAcceptsAgainBelowTheResumeBound() throws Exception {
        // Straight to the topic, as another service would: far faster than two graders can keep up with.
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < BURST; i++) {
                String id = Ids.newSubmissionId();
                producer.send(new ProducerRecord<>(Topics.SUBMISSIONS, id, QUICK.formatted(System.nanoTime())));
            }
        }
        awaitGauge(value -> value == 1, "gradestream_ingest_throttled");
        long published = publishedSubmissions();

        assertRefused(given().contentType(ContentType.JSON).body(ADD).post("/submissions"));
        assertRefused(given().contentType(ContentType.JSON).body(ADD).post("/submit"));
        assertRefused(given().contentType(ContentType.JSON).accept("text/event-stream").body(ADD).post("/submit"));
        assertThat(publishedSubmissions()).as("nothing refused was published").isEqualTo(published);

        awaitGauge(value -> value <= RESUME_LAG, "gradestream_consumer_lag_records", "lane", "interactive");
        assertThat(PrometheusScrape.take().value("gradestream_ingest_throttled")).isEqualTo(0);
        given().contentType(ContentType.JSON).body(ADD).post("/submissions").then().statusCode(202);
        given().contentType(ContentType.JSON).body(ADD).post("/submit").then().statusCode(200)
                .body("status", equalTo("passed"));
    }

    private static void assertRefused(Response response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.contentType()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(response.jsonPath().getString("type")).isEqualTo("about:blank");
        assertThat(response.jsonPath().getString("title")).isEqualTo("Too many submissions waiting");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(429);
        Matcher detail = DETAIL.matcher(response.jsonPath().getString("detail"));
        assertThat(detail.matches()).as(response.jsonPath().getString("detail")).isTrue();
        assertThat(Integer.parseInt(detail.group(1))).as("waiting").isGreaterThan(MAX_LAG);
        String retryAfter = response.header("Retry-After");
        assertThat(retryAfter).as("Retry-After is the wait the detail names").isEqualTo(detail.group(2));
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    /** Polls /q/metrics until the gauge satisfies the condition; returns its value then. */
    private static double awaitGauge(DoublePredicate condition, String series, String... labels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        double value = Double.NaN;
        while (System.nanoTime() < deadline) {
            value = PrometheusScrape.take().value(series, labels);
            if (condition.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(series + " is still " + value + " after 120 s");
    }

    private static long publishedSubmissions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(Topics.SUBMISSIONS)).allTopicNames().get()
                    .get(Topics.SUBMISSIONS).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.SUBMISSIONS, p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
