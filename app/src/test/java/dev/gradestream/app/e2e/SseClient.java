package dev.gradestream.app.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A minimal SSE reader for tests: collects every event of a stream until the server ends it. */
final class SseClient {
    record Event(String id, String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static List<Event> post(URI uri, String json) throws IOException, InterruptedException {
        return read(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static List<Event> get(URI uri) throws IOException, InterruptedException {
        return read(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET());
    }

    /** The same, telling {@code onEvent} of each event as it arrives. */
    static List<Event> get(URI uri, Consumer<Event> onEvent) throws IOException, InterruptedException {
        return read(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET(), onEvent);
    }

    static List<Event> resume(URI uri, String lastEventId) throws IOException, InterruptedException {
        return read(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId).GET());
    }

    /** Every line of the stream as sent, comments included, until the server ends it. */
    static List<String> rawLines(URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofLines());
        return response.body().toList();
    }

    private static List<Event> read(HttpRequest.Builder request) throws IOException, InterruptedException {
        return read(request, event -> { });
    }

    private static List<Event> read(HttpRequest.Builder request, Consumer<Event> onEvent)
            throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HTTP.send(request.timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("SSE request answered " + response.statusCode());
        }
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (name != null || data.length() > 0) {
                    Event event = new Event(id, name, data.toString());
                    events.add(event);
                    onEvent.accept(event);
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        }
        return events;
    }
}
