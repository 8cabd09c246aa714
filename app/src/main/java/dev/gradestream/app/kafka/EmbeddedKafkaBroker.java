package dev.gradestream.app.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A real Apache Kafka broker (KRaft, combined broker + controller) running in this JVM. Storage is
 * formatted only on first start, so a restart on the same directory keeps topics, records and
 * committed offsets. The quorum is static, so the controller may get a new port on every start.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private final String host;
    private final int port;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path logDir, String host, int port) {
        this.logDir = logDir.toAbsolutePath();
        this.host = host;
        this.port = port;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public synchronized void start() {
        long begin = System.nanoTime();
        int controllerPort = FreePorts.pickOtherThan(port);
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(controllerPort), false);
        failIfDirectoryInUse();
        formatStorageOnFirstStart();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.infof("Embedded Kafka broker up on %s (data in %s) in %d ms", bootstrapServers(), logDir,
                (System.nanoTime() - begin) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Properties brokerProperties(int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Topics are created on purpose at start (TopicProvisioner), never by a typo in a client.
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The group coordinator holds each offset commit up to 5 ms (Kafka 4's default) to batch writes to
        // __consumer_offsets. The executor commits after every grading, and its intake loop waits for that
        // commit before it polls again: a submission arriving meanwhile waited the linger out (measured:
        // commits of 6-14 ms, submissions dispatched ~5 ms after they were produced).
        props.put("group.coordinator.append.linger.ms", "0");
        // The cleaner's default 128 MiB dedupe buffer is sized for big clusters; 8 MiB serves a compacted
        // verdicts topic of millions of keys and saves ~150 MB of heap (shared/FACTS.md).
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // After a crash the controller waits this long for the old broker session before the new one is
        // accepted; the default 9 s doubles restart time.
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "1000");
        // A single voter has nobody to wait for: after a restart it would otherwise sit out the default
        // 2 s fetch timeout and 1 s election timeout before electing itself.
        props.put("controller.quorum.fetch.timeout.ms", "200");
        props.put("controller.quorum.election.timeout.ms", "100");
        return props;
    }

    /**
     * Kafka itself notices a second user of the directory only deep inside startup, logs it and leaves
     * a half-started broker behind; checking its lock file first turns that into a plain error.
     */
    private void failIfDirectoryInUse() {
        Path lockFile = logDir.resolve(".lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another process is using the Kafka data in " + logDir
                        + ": stop it first, or point gradestream.data-dir (GRADESTREAM_DATA_DIR) elsewhere.");
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("A broker in this JVM is already using " + logDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check the lock on " + lockFile, e);
        }
    }

    private void formatStorageOnFirstStart() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
            LOG.infof("Formatted new Kafka storage in %s", logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }
}
