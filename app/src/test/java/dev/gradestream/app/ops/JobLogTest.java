package dev.gradestream.app.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gradestream.protocol.trace.LogFields;
import dev.gradestream.protocol.trace.TraceContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every line logged while a submission is taken in and graded names it (MDC), whatever thread logs it. */
@QuarkusTest
class JobLogTest {
    /** Down to FINE, so the engine's and the sandbox's per-launch lines are logged too. */
    private static final List<String> VERBOSE = List.of("dev.gradestream.executor", "dev.gradestream.ingest");

    private record Line(String logger, String thread, String message, String submissionId, String attempt,
            String traceId) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord line = (ExtLogRecord) record;
            lines.add(new Line(line.getLoggerName(), line.getThreadName(), line.getFormattedMessage(),
                    line.getMdc(LogFields.SUBMISSION_ID), line.getMdc(LogFields.ATTEMPT), line.getMdc(LogFields.TRACE_ID)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Logger> verbose = VERBOSE.stream().map(Logger::getLogger).toList();

    @BeforeEach
    void captureLogs() {
        verbose.forEach(logger -> logger.setLevel(Level.FINE));
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
        verbose.forEach(logger -> logger.setLevel(null));
    }

    @Test
    void everyLineOfAGradingCarriesItsSubmissionAttemptAndTrace() {
        TraceContext caller = TraceContext.start();
        JsonPath verdict = given().contentType("application/json").header(TraceContext.TRACEPARENT, caller.traceparent())
                // Code no earlier run built (a comment of its own), so the build cache cannot skip the build.
                .body(Map.of("code", "/* " + java.util.UUID.randomUUID() + " */ int twice(int x) { return 2 * x; }",
                        "tests", "assert(twice(2) == 4);"))
                .post("/submit").then().statusCode(200).extract().jsonPath();
        String id = verdict.getString("id");
        String attempt = verdict.getString("attempt");

        List<Line> executor = lines.stream().filter(line -> line.logger().startsWith("dev.gradestream.executor")).toList();
        // Lines of jobs other tests left running name their own submissions; none may name none.
        assertThat(executor).allSatisfy(line -> assertThat(line.submissionId()).as("%s", line).isNotNull());
        List<Line> job = executor.stream().filter(line -> id.equals(line.submissionId())).toList();
        assertThat(job).allSatisfy(line -> {
            assertThat(line.attempt()).as("%s", line).isEqualTo(attempt);
            assertThat(line.traceId()).as("%s", line).isEqualTo(caller.traceId());
        });
        List<String> messages = job.stream().map(Line::message).toList();
        assertThat(messages.get(0)).isEqualTo("grading started");
        assertThat(messages.get(messages.size() - 1)).startsWith("graded: passed in ");
        // The sandbox logs each launch (the build: compile and link in one script, the tests, Valgrind) from
        // deep inside the engine.
        assertThat(messages.stream().filter(message -> message.startsWith("sandbox ")))
                .extracting(message -> message.split(" ")[2])
                .containsExactly("/bin/sh:", "./prog:", "valgrind:");

        List<Line> intake = lines.stream().filter(line -> line.logger().startsWith("dev.gradestream.ingest")).toList();
        assertThat(intake).filteredOn(line -> id.equals(line.submissionId()))
                .extracting(Line::message, Line::traceId)
                .containsExactly(tuple("submission accepted", caller.traceId()));
    }
}
