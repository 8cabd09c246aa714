package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.protocol.json.Json;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconnecting clients lose nothing and see nothing twice; idle streams are kept alive. */
@QuarkusTest
class StreamResumeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void lastEventIdResumesRightAfterThatEvent() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("code", "int sq(int x) { return x * x; }",
                        "tests", "assert(sq(2) == 4);\nassert(sq(3) == 10);\nassert(sq(4) == 16);"))
                .post("/submissions").then().statusCode(202).extract().path("id");
        URI events = base.resolve("/submissions/" + id + "/events");
        List<SseClient.Event> whole = SseClient.get(events);
        assertThat(whole).extracting(SseClient.Event::name).containsExactly("started", "compiled", "test-passed",
                "test-failed", "test-passed", "run-finished", "valgrind", "completed");

        // Cut after the first test: the rest, exactly, in order.
        assertThat(SseClient.resume(events, whole.get(2).id())).isEqualTo(whole.subList(3, whole.size()));
        // Cut after the last: nothing more, and the stream still ends.
        assertThat(SseClient.resume(events, whole.get(whole.size() - 1).id())).isEmpty();
        // An id of an older attempt: told it was superseded, then the latest attempt from its start.
        List<SseClient.Event> fromOlder = SseClient.resume(events, "0192f000-0000-7000-8000-000000000000/5");
        assertThat(fromOlder.get(0).name()).isEqualTo("superseded");
        assertThat(fromOlder.get(0).data()).contains("\"previousAttempt\":\"0192f000-0000-7000-8000-000000000000\"");
        assertThat(fromOlder.subList(1, fromOlder.size())).isEqualTo(whole);
        // Garbage: the latest attempt from its start.
        assertThat(SseClient.resume(events, "not-an-id")).isEqualTo(whole);
    }

    @Test
    void idleStreamsGetKeepAliveCommentsUntilTheyEnd() throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of(
                "code", "#include <unistd.h>\nint slow(void) { usleep(1200000); return 1; }",
                "tests", "assert(slow() == 1);", "valgrind", false));
        List<String> lines = SseClient.rawLines(base.resolve("/submit"), body);

        int completed = lines.indexOf("event:completed");
        assertThat(completed).as("stream: %s", lines).isPositive();
        // 1.2 s of silence while the test sleeps, heartbeat every 300 ms (test profile).
        assertThat(lines.subList(0, completed)).filteredOn(":keep-alive"::equals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.subList(completed, lines.size())).doesNotContain(":keep-alive");
    }
}
