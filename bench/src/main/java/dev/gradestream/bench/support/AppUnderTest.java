package dev.gradestream.bench.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged all-in-one app ({@code java @jvm.options -jar quarkus-run.jar}, as bin/start runs it) as a
 * child process of the bench, with its own data directory, job directory and ports (free ones, each picked
 * as it is bound), so it never meets another run's broker or files.
 * Its log goes to {@code app.log} in that directory, which is kept when the app fails to start.
 */
public final class AppUnderTest implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^\\s:]+:(\\d+)");
    private static final Pattern BROKER = Pattern.compile("Embedded Kafka broker up on ([^\\s\"]+)");
    /** How often readiness is polled: the time to ready is known to within this. */
    private static final long POLL_MS = 50;

    private final Process process;
    private final Path home;
    private final long launchedNanos;
    private URI base;
    private double readyMs;

    private AppUnderTest(Process process, Path home, long launchedNanos) {
        this.process = process;
        this.home = home;
        this.launchedNanos = launchedNanos;
    }

    /**
     * Starts the jar with {@code slots} grading slots and these extra system properties ({@code key=value}),
     * and waits until {@code /q/health/ready} says UP.
     *
     * <p>Slots: {@code gradestream.executor.slots} is the key of the executor's own intake; before it, the
     * grading worker pool's size was the knob. The pool's key goes in as a system property (it is no
     * config mapping's, so it is accepted either way); the new key goes in as an environment variable,
     * because an unknown system property under {@code gradestream.executor} fails the app's start while
     * an unknown environment variable is ignored. So the bench runs against the app before and after.
     */
    public static AppUnderTest start(Path jar, int slots, List<String> properties)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it with "
                    + "./mvnw -B -o -pl app -am package -DskipTests, or pass --app-jar PATH");
        }
        Path home = Files.createTempDirectory("gradestream-bench-app-");
        // The sandbox user must reach the job directory below it (a temp directory is 0700).
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The JVM flags the app ships with (bin/start and the images use them), when this build has them;
        // -Dgradestream.bench.jvm-options=none on the bench's own JVM starts the app on the JVM's defaults,
        // the baseline those flags were measured against.
        Path flags = jar.toAbsolutePath().resolveSibling("jvm.options");
        boolean shipped = !"none".equals(System.getProperty("gradestream.bench.jvm-options"));
        if (shipped && Files.isRegularFile(flags)) {
            command.add("@" + flags);
        }
        command.addAll(List.of(
                // Port 0: each picks a free port as it binds. Ports picked here and bound later could be
                // taken in between, e.g. by the broker's own controller listener.
                "-Dquarkus.http.port=0",
                "-Dgradestream.kafka.port=0",
                "-Dgradestream.data-dir=" + home.resolve("data"),
                "-Dgradestream.executor.work-dir=" + home.resolve("jobs"),
                "-Dgradestream.executor.slots=" + slots));
        properties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        long launched = System.nanoTime();
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(home.resolve("app.log").toFile()).start();
        AppUnderTest app = new AppUnderTest(process, home, launched);
        app.awaitReady(Duration.ofSeconds(120));
        return app;
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public Path log() {
        return home.resolve("app.log");
    }

    /** From starting {@code java -jar} to the first 200 from {@code /q/health/ready}, in ms (±{@value #POLL_MS}). */
    public double readyMs() {
        return readyMs;
    }

    /** The embedded broker's address, as the app logged it ({@code localhost:PORT}). */
    public String bootstrapServers() throws IOException {
        Matcher broker = BROKER.matcher(Files.readString(log()));
        if (!broker.find()) {
            throw new IllegalStateException("the app did not log its embedded broker's address; see " + log());
        }
        return broker.group(1);
    }

    private void awaitReady(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue()
                        + " before it was ready; see " + log());
            }
            try {
                if (base == null) {
                    Matcher listening = LISTENING.matcher(Files.readString(log()));
                    if (!listening.find()) {
                        Thread.sleep(POLL_MS);
                        continue;
                    }
                    base = URI.create("http://localhost:" + listening.group(1));
                }
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    readyMs = (System.nanoTime() - launchedNanos) / 1e6;
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(POLL_MS);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the app was not ready within " + atMost + "; see " + log());
    }

    /** SIGTERM and wait (the app lets running jobs finish), SIGKILL after a minute; then deletes its files. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

}
