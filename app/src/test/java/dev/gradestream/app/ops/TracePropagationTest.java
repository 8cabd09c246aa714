package dev.gradestream.app.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.trace.TraceContext;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A submission's W3C trace context travels from the HTTP request through every Kafka record it causes. */
@QuarkusTest
class TracePropagationTest {
    private static final Map<String, Object> SUBMISSION = Map.of(
            "code", "int twice(int x) { return 2 * x; }", "tests", "assert(twice(2) == 4);", "valgrind", false);

    @Test
    void theCallersTraceIsOnTheSubmissionAndOnEveryResultAndVerdict() {
        TraceContext caller = TraceContext.start().child();
        String callerParent = "00-" + caller.traceId() + "-" + caller.spanId() + "-01";
        String id = given().contentType("application/json")
                .header(TraceContext.TRACEPARENT, callerParent).header(TraceContext.TRACESTATE, "gs=test,other=1")
                .body(SUBMISSION).post("/submit").then().statusCode(200).extract().path("id");

        Hops hops = Hops.of(id);
        // Ingest's own span, a child of the caller's; the sampled flag and the state are passed on as they came.
        assertThat(hops.submission.traceId()).isEqualTo(caller.traceId());
        assertThat(hops.submission.spanId()).isNotEqualTo(caller.spanId());
        assertThat(hops.submission.flags()).isEqualTo("01");
        assertThat(hops.submission.state()).isEqualTo("gs=test,other=1");
        hops.assertTheJobContinues(hops.submission);
    }

    @Test
    void aSubmissionWithoutTraceStartsOneThatEveryRecordCarries() {
        String id = given().contentType("application/json").header(TraceContext.TRACEPARENT, "not a trace")
                .body(SUBMISSION).post("/submit").then().statusCode(200).extract().path("id");

        Hops hops = Hops.of(id);
        assertThat(hops.submission.flags()).isEqualTo("00");
        assertThat(hops.submission.state()).isNull();
        hops.assertTheJobContinues(hops.submission);
    }

    /** The context on each record of one submission, by topic. */
    private record Hops(TraceContext submission, List<TraceContext> results, TraceContext verdict, List<String> events) {
        static Hops of(String id) {
            List<ConsumerRecord<String, String>> submissions = TopicRecords.of(Topics.SUBMISSIONS, id, record -> true);
            List<ConsumerRecord<String, String>> results = TopicRecords.of(Topics.RESULTS, id,
                    record -> record.value().contains("\"type\":\"completed\""));
            List<ConsumerRecord<String, String>> verdicts = TopicRecords.of(Topics.VERDICTS, id, record -> true);
            assertThat(submissions).hasSize(1);
            assertThat(verdicts).hasSize(1);
            return new Hops(context(submissions.get(0)), results.stream().map(Hops::context).toList(),
                    context(verdicts.get(0)), results.stream().map(Hops::type).toList());
        }

        /** Every results and verdicts record carries the job's one span, a child of ingest's, in the same trace. */
        void assertTheJobContinues(TraceContext ingest) {
            assertThat(events).containsExactly("started", "compiled", "test-passed", "run-finished", "completed");
            TraceContext job = results.get(0);
            assertThat(job.traceId()).isEqualTo(ingest.traceId());
            assertThat(job.spanId()).isNotEqualTo(ingest.spanId());
            assertThat(job.flags()).isEqualTo(ingest.flags());
            assertThat(job.state()).isEqualTo(ingest.state());
            assertThat(results).containsOnly(job);
            assertThat(verdict).isEqualTo(job);
        }

        private static String type(ConsumerRecord<String, String> record) {
            try {
                return Json.mapper().readTree(record.value()).path("type").asText();
            } catch (JsonProcessingException e) {
                throw new AssertionError("unreadable event " + record.value(), e);
            }
        }

        private static TraceContext context(ConsumerRecord<String, String> record) {
            String traceparent = TopicRecords.header(record, TraceContext.TRACEPARENT);
            assertThat(traceparent).as("traceparent of %s@%d", record.topic(), record.offset()).isNotNull();
            return TraceContext.parse(traceparent, TopicRecords.header(record, TraceContext.TRACESTATE))
                    .orElseThrow(() -> new AssertionError("invalid traceparent " + traceparent));
        }
    }
}
