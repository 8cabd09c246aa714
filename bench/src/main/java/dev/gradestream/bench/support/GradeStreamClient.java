package dev.gradestream.bench.support;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two calls the benches make, over plain HTTP/1.1 (a connection per open stream, as browsers and
 * curl do): {@code POST /submissions} and {@code GET /submissions/{id}/events}. One selector thread and a
 * few worker threads serve every stream, so the client side stays small next to the app.
 */
public final class GradeStreamClient implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final AppUnderTest app;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;

    public GradeStreamClient(AppUnderTest app) {
        this.app = app;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** An accepted submission: its id and when the POST was sent (µs since the epoch). */
    public record Posted(String id, long postedMicros) {
    }

    public CompletableFuture<Posted> submit(String json) {
        long posted = SseEvent.nowMicros();
        HttpRequest request = HttpRequest.newBuilder(app.uri("/submissions")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() != 202 || !id.find()) {
                throw new IllegalStateException("POST /submissions answered " + response.statusCode() + ": "
                        + response.body());
            }
            return new Posted(id.group(1), posted);
        });
    }

    /** Posts them all at once; their answers in the same order. */
    public List<Posted> submitAll(List<String> jsons) {
        List<CompletableFuture<Posted>> posts = jsons.stream().map(this::submit).toList();
        return posts.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Opens the submission's event stream. The reader's {@link SseReader#opened()} completes when the
     * response headers arrive (the server has attached the stream), {@link SseReader#done()} when it ends.
     */
    public SseReader follow(String submissionId) {
        SseReader reader = new SseReader();
        HttpRequest request = HttpRequest.newBuilder(app.uri("/submissions/" + submissionId + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() != 200) {
                reader.onError(new IllegalStateException("GET events of " + submissionId + " answered "
                        + info.statusCode()));
                return HttpResponse.BodySubscribers.discarding();
            }
            reader.opened().complete(SseEvent.nowMicros());
            return HttpResponse.BodySubscribers.fromLineSubscriber(reader);
        };
        http.sendAsync(request, handler).whenComplete((response, failure) -> {
            if (failure != null) {
                reader.onError(failure);
            }
        });
        return reader;
    }

    /** GET a path's body as text, e.g. {@code /submissions/{id}} to see whether it is still queued. */
    public String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(app.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
