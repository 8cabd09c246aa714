package dev.gradestream.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Parses one SSE response body, line by line as java.net.http hands them over, into {@link SseEvent}s
 * stamped with their arrival. Nothing else is done on the receiving path (JSON is looked at afterwards),
 * so a thousand readers in one JVM stay cheap. Comment lines ({@code :keep-alive}) are counted, not kept.
 */
public final class SseReader implements Flow.Subscriber<String> {
    private final List<SseEvent> events = new ArrayList<>();
    private final CompletableFuture<Long> opened = new CompletableFuture<>();
    private final CompletableFuture<List<SseEvent>> done = new CompletableFuture<>();
    private String id;
    private String type;
    private final StringBuilder data = new StringBuilder();
    private int comments;

    /** Completes with the time (µs since the epoch) the 200 and its headers arrived. */
    public CompletableFuture<Long> opened() {
        return opened;
    }

    /** Completes with every event received when the server ends the stream; fails if the connection fails. */
    public CompletableFuture<List<SseEvent>> done() {
        return done;
    }

    public int comments() {
        return comments;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith(":")) {
            comments++;
        } else if (line.startsWith("id:")) {
            id = value(line, 3);
        } else if (line.startsWith("event:")) {
            type = value(line, 6);
        } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(value(line, 5));
        }
    }

    @Override
    public void onError(Throwable failure) {
        opened.completeExceptionally(failure);
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        dispatch();
        done.complete(events);
    }

    private void dispatch() {
        if (type != null || !data.isEmpty()) {
            events.add(new SseEvent(id, type == null ? "message" : type, data.toString(), SseEvent.nowMicros()));
        }
        id = null;
        type = null;
        data.setLength(0);
    }

    private static String value(String line, int nameLength) {
        return line.startsWith(" ", nameLength) ? line.substring(nameLength + 1) : line.substring(nameLength);
    }
}
