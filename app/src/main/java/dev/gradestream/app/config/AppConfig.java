package dev.gradestream.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Map;

/** Settings of the all-in-one app: where the embedded broker keeps its data and how topics are made. */
@ConfigMapping(prefix = "gradestream")
public interface AppConfig {

    /** Root of everything the app persists; the embedded broker's log lives in {@code kafka/} below it. */
    @WithDefault("./data")
    Path dataDir();

    Kafka kafka();

    Topics topics();

    interface Kafka {
        /** Port of the embedded broker's client listener; 0 picks a free one (tests). */
        @WithDefault("9092")
        int port();

        /** Interface the embedded broker listens on. Loopback keeps it private to this machine. */
        @WithDefault("localhost")
        String host();
    }

    interface Topics {
        /**
         * Create missing topics at start. False where something else owns them (Strimzi's KafkaTopics): then
         * missing topics are only named in the log, and whatever reads them waits for them.
         */
        @WithDefault("true")
        boolean create();

        /** Partitions of every topic created at start; bounds how many executors can share the work. */
        @WithDefault("12")
        int partitions();

        /** Topic-level settings by topic name, e.g. {@code verdicts.cleanup.policy=compact}. */
        Map<String, Map<String, String>> config();
    }
}
