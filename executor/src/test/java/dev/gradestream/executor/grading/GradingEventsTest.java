package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event stream of a grading: its order, its contents, and that test results arrive as they happen. */
class GradingEventsTest {
    private static final String CODE = """
            #include <stdlib.h>
            #include <unistd.h>

            int keep(int x) {
                int *p = malloc(sizeof *p);
                *p = x;
                return *p;
            }

            int slow(int x) {
                usleep(800 * 1000);
                return x;
            }
            """;

    @TempDir
    Path workRoot;

    @Test
    void mixedCaseEmitsEveryStageInOrder() {
        Recorder events = new Recorder();
        Verdict verdict = engine(GradingConfig.defaults().withWorkRoot(workRoot))
                .grade(Submission.of(CODE, "assert(keep(1) == 1);\nassert(keep(2) == 3);\n"), "mixed", events);

        assertThat(events.types()).containsExactly(EventType.STARTED, EventType.COMPILED, EventType.TEST_PASSED,
                EventType.TEST_FAILED, EventType.RUN_FINISHED, EventType.VALGRIND, EventType.COMPLETED);
        assertThat(events.data(0).path("tests").asInt()).isEqualTo(2);
        assertThat(events.data(0).path("mode").asText()).isEqualTo("tests");
        assertThat(events.data(1).path("compile").asBoolean()).isTrue();
        assertThat(events.data(2).path("n").asInt()).isEqualTo(1);
        assertThat(events.data(3).path("n").asInt()).isEqualTo(2);
        assertThat(events.data(3).path("status").asText()).isEqualTo("failed");
        assertThat(events.data(4).path("failed_tests").toString()).isEqualTo("[2]");
        assertThat(events.data(5).path("summary").asText()).isEqualTo(
                "test 1: 4 bytes in 1 block definitely lost, allocated at line 5 in keep\n"
                        + "test 2: 4 bytes in 1 block definitely lost, allocated at line 5 in keep");
        assertThat(events.data(6)).isEqualTo(Json.mapper().valueToTree(verdict));
        assertThat(verdict.status()).isEqualTo(VerdictStatus.FAILED);
        assertThat(verdict.attempt()).isEqualTo("mixed");
        assertThat(workRoot.resolve(JobDirectory.nameFor("mixed"))).doesNotExist();
    }

    @Test
    void eachTestResultIsEmittedWhenThatTestEnds() {
        Recorder events = new Recorder();
        Submission submission = new Submission(null, null, CODE, "assert(keep(1) == 1);\nassert(slow(2) == 2);\n",
                null, null, null, null, null, false, null, null, null, null);
        engine(GradingConfig.defaults().withWorkRoot(workRoot)).grade(submission, "streaming", events);

        assertThat(events.types()).containsExactly(EventType.STARTED, EventType.COMPILED, EventType.TEST_PASSED,
                EventType.TEST_PASSED, EventType.RUN_FINISHED, EventType.COMPLETED);
        long firstTestMs = events.atMs(2);
        long runFinishedMs = events.atMs(4);
        assertThat(runFinishedMs - firstTestMs).as("test 1 reported before slow test 2 ended").isGreaterThan(500);
    }

    @Test
    void aBrokenToolchainEndsWithErrorAndAnInternalErrorVerdict() {
        Recorder events = new Recorder();
        GradingConfig broken = new GradingConfig(workRoot, "/nonexistent/gcc", "/nonexistent/g++", "valgrind",
                GradingConfig.DEFAULT_OUTPUT_LIMIT_BYTES, 4, false, 256, 1024);
        Verdict verdict = engine(broken).grade(Submission.of("int f(void) { return 1; }", "assert(f() == 1);"), "broken",
                events);

        assertThat(events.types()).containsExactly(EventType.STARTED, EventType.ERROR);
        assertThat(events.data(1).path("reason").asText()).startsWith("the grader failed, not your code")
                .contains("/nonexistent/gcc").contains("<work>/").doesNotContain(workRoot.toString());
        assertThat(verdict.status()).isEqualTo(VerdictStatus.INTERNAL_ERROR);
        assertThat(verdict.failedTests()).containsExactly(1);
        assertThat(verdict.tests()).extracting(t -> t.status()).containsExactly(TestStatus.NOT_RUN);
        assertThat(workRoot.resolve(JobDirectory.nameFor("broken"))).doesNotExist();
    }

    @Test
    void keepsTheJobDirectoryWhenAsked() {
        GradingConfig keep = GradingConfig.defaults().withWorkRoot(workRoot).withKeepJobDirectories(true);
        engine(keep).grade(Submission.of("int f(void) { return 1 }", "assert(f() == 1);"), "kept", new Recorder());

        assertThat(workRoot.resolve(JobDirectory.nameFor("kept")).resolve("code.c")).exists();
        assertThat(workRoot.resolve(JobDirectory.nameFor("kept")).resolve("submission.c")).exists();
        assertThat(Files.isRegularFile(workRoot.resolve(JobDirectory.nameFor("kept")).resolve("tests"))).isTrue();
    }

    private static GradingEngine engine(GradingConfig config) {
        return new GradingEngine(config, new LocalProcessRunner());
    }

    /** Keeps each event with the time it arrived. */
    private static final class Recorder implements EventSink {
        private final long start = System.nanoTime();
        private final List<EventType> types = new ArrayList<>();
        private final List<JsonNode> data = new ArrayList<>();
        private final List<Long> atNanos = new ArrayList<>();

        @Override
        public synchronized void emit(EventType type, JsonNode payload) {
            types.add(type);
            data.add(payload);
            atNanos.add(System.nanoTime() - start);
        }

        synchronized List<EventType> types() {
            return List.copyOf(types);
        }

        synchronized JsonNode data(int index) {
            return data.get(index);
        }

        synchronized long atMs(int index) {
            return atNanos.get(index) / 1_000_000;
        }
    }
}
