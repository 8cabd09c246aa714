package dev.gradestream.bench.load;

import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.GradeStreamClient.Posted;
import java.util.concurrent.CompletableFuture;

/** {@code POST /submissions}, as a browser or a course platform sends a submission. */
public final class HttpTransport implements Transport {
    private final GradeStreamClient client;

    public HttpTransport(GradeStreamClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Posted> submit(String json) {
        return client.submit(json);
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void close() {
        // the client belongs to the caller
    }
}
