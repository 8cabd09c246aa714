package dev.gradestream.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Two app processes, so that the grader can die alone: a front (the embedded broker, intake and read
 * path, its executor switched off) and a grader on the front's broker, which can be killed, stopped and
 * started again on the same data.
 */
final class BrokerAndGrader implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final AppProcess front;
    private final int kafkaPort;
    private final Path graderData;
    private final int graderHttpPort;
    private final Path log;
    private final List<String> graderProperties;
    private AppProcess grader;

    private BrokerAndGrader(AppProcess front, int kafkaPort, Path graderData, Path log, List<String> extraGraderProperties)
            throws IOException {
        this.front = front;
        this.kafkaPort = kafkaPort;
        this.graderData = graderData;
        this.graderHttpPort = AppProcess.freePort();
        this.log = log;
        this.graderProperties = new ArrayList<>(List.of("-Dkafka.bootstrap.servers=localhost:" + kafkaPort,
                // Its own job directory: a killed grader leaves its jobs' files behind, and they must not end
                // up among other tests' in the shared default.
                "-Dgradestream.executor.work-dir=" + graderJobs()));
        this.graderProperties.addAll(extraGraderProperties);
    }

    /** Both up and ready; the grader with {@code extraGraderProperties} ({@code -Dkey=value}) besides. */
    static BrokerAndGrader start(Path frontData, Path graderData, String logPrefix, List<String> extraGraderProperties)
            throws Exception {
        int kafkaPort = AppProcess.freePort();
        Path log = Files.createTempFile(logPrefix, ".log");
        AppProcess front = AppProcess.start(frontData, AppProcess.freePort(), kafkaPort, log,
                List.of("-Dgradestream.executor.enabled=false"));
        try {
            front.awaitReady(READY_WITHIN);
            // The sandbox user must reach the job directories below it, and a @TempDir is 0700.
            Files.setPosixFilePermissions(graderData, PosixFilePermissions.fromString("rwxr-xr-x"));
            BrokerAndGrader pair = new BrokerAndGrader(front, kafkaPort, graderData, log, extraGraderProperties);
            pair.startGrader();
            return pair;
        } catch (Exception | Error e) {
            front.close();
            throw e;
        }
    }

    AppProcess front() {
        return front;
    }

    AppProcess grader() {
        return grader;
    }

    /** Where both processes write their console. */
    Path log() {
        return log;
    }

    /** SIGKILL to the front, and so to the broker the grader uses. */
    void killFront() throws InterruptedException {
        front.kill();
    }

    void startGrader() throws Exception {
        grader = AppProcess.start(graderData, graderHttpPort, AppProcess.freePort(), log, graderProperties);
        grader.awaitReady(READY_WITHIN);
    }

    long graderPid() {
        return grader.pid();
    }

    /** Where the grader makes its job directories. */
    Path graderJobs() {
        return graderData.resolve("jobs");
    }

    /** SIGKILL, mid-whatever. */
    void killGrader() throws InterruptedException {
        grader.kill();
    }

    /** SIGTERM; the exit status. */
    int stopGrader() throws InterruptedException {
        return grader.stop();
    }

    /** How many of {@code ids} have a verdict (GET answers 200), once at least {@code atLeast} do. */
    int awaitVerdicts(Collection<String> ids, int atLeast, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            int done = 0;
            for (String id : ids) {
                if (front.get("/submissions/" + id).statusCode() == 200) {
                    done++;
                }
            }
            if (done >= atLeast) {
                return done;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done + " of " + ids.size() + " verdicts within " + atMost);
            }
            Thread.sleep(50);
        }
    }

    /** Every record of {@code topic} on the front's broker, from the start. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicDump.readAll(kafkaPort, topic);
    }

    /** SIGTERM to both, the grader first; then SIGKILL to whatever did not stop. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (grader != null) {
                grader.stop();
            }
            front.stop();
        } finally {
            if (grader != null) {
                grader.close();
            }
            front.close();
        }
    }
}
