package dev.gradestream.app.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many readers at once: one broadcast consumer per instance feeds every stream, and each reader gets
 * the whole stream of its submission, in order, whether it joined early, late or in the middle.
 */
@QuarkusTest
class FanOutTest {
    private static final int CLIENTS = 200;
    private static final List<String> ONE_TEST = List.of("started", "compiled", "test-passed", "run-finished",
            "completed");

    @TestHTTPResource("/")
    URI base;

    @Test
    void twoHundredClientsOnOneSubmissionAllGetTheWholeOrderedStream() throws Exception {
        // The test sleeps, so most clients join while it runs and some after it ended.
        String id = submit("#include <unistd.h>\nint slow(void) { usleep(800000); return 1; }", "assert(slow() == 1);");
        URI events = base.resolve("/submissions/" + id + "/events");
        List<List<SseClient.Event>> streams = readConcurrently(List.of(events).stream()
                .flatMap(uri -> java.util.Collections.nCopies(CLIENTS, uri).stream()).toList());

        List<SseClient.Event> first = streams.get(0);
        assertThat(first).extracting(SseClient.Event::name).containsExactlyElementsOf(ONE_TEST);
        assertThat(streams).hasSize(CLIENTS).allSatisfy(stream -> assertThat(stream).isEqualTo(first));
    }

    @Test
    void twoHundredClientsOnTwoHundredSubmissionsEachGetTheirOwnStream() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            ids.add(submit("int id" + i + "(void) { return " + i + "; }", "assert(id" + i + "() == " + i + ");"));
        }
        List<List<SseClient.Event>> streams = readConcurrently(ids.stream()
                .map(id -> base.resolve("/submissions/" + id + "/events")).toList());

        for (int i = 0; i < CLIENTS; i++) {
            List<SseClient.Event> stream = streams.get(i);
            assertThat(stream).extracting(SseClient.Event::name).containsExactlyElementsOf(ONE_TEST);
            String id = ids.get(i);
            assertThat(stream).allSatisfy(event -> assertThat(event.data()).contains("\"submissionId\":\"" + id + "\""));
        }
    }

    private static String submit(String code, String tests) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "tests", tests, "valgrind", false))
                .post("/submissions").then().statusCode(202).extract().path("id");
    }

    private static List<List<SseClient.Event>> readConcurrently(List<URI> uris) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(uris.size());
        try {
            List<Future<List<SseClient.Event>>> futures = new ArrayList<>();
            for (URI uri : uris) {
                futures.add(readers.submit(() -> SseClient.get(uri)));
            }
            List<List<SseClient.Event>> streams = new ArrayList<>();
            for (Future<List<SseClient.Event>> future : futures) {
                streams.add(future.get(120, TimeUnit.SECONDS));
            }
            return streams;
        } finally {
            readers.shutdownNow();
        }
    }
}
