package dev.gradestream.app.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The packaged all-in-one app as a separate process, as an operator runs it. */
final class AppProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;

    private AppProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    static AppProcess start(Path dataDir, int httpPort, int kafkaPort, Path log) throws IOException {
        return start(dataDir, httpPort, kafkaPort, log, List.of());
    }

    /** With extra system properties ({@code -Dkey=value}), e.g. to join another instance's broker. */
    static AppProcess start(Path dataDir, int httpPort, int kafkaPort, Path log, List<String> properties)
            throws IOException {
        String jar = System.getProperty("app.jar");
        if (jar == null) {
            throw new IllegalStateException("app.jar is not set: run this through failsafe (./mvnw verify)");
        }
        // With the flags the app ships with (jvm.options beside the jar), as bin/start runs it.
        String flags = "@" + Path.of(jar).resolveSibling("jvm.options");
        List<String> command = new java.util.ArrayList<>(List.of("java", flags, "-Dquarkus.http.port=" + httpPort,
                "-Dgradestream.kafka.port=" + kafkaPort, "-Dgradestream.data-dir=" + dataDir));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AppProcess(process, httpPort);
    }

    long pid() {
        return process.pid();
    }

    /** Milliseconds until /q/health/ready said UP. */
    long awaitReady(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app was not ready within " + atMost);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(post(path, json), HttpResponse.BodyHandlers.ofString());
    }

    /** The same POST, answered later (a request in flight while the test does something else). */
    java.util.concurrent.CompletableFuture<HttpResponse<String>> postJsonAsync(String path, String json) {
        return HTTP.sendAsync(post(path, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + httpPort + path);
    }

    /** SIGTERM, without waiting for the exit. */
    void terminate() {
        process.destroy();
    }

    /** The exit status, once the process has ended by itself (after {@link #terminate}). */
    int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the app did not exit within " + atMost);
        }
        return process.exitValue();
    }

    /** SIGTERM, as an orchestrator stops it; then waits for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the app did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies mid-whatever, as in a machine or OOM crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
