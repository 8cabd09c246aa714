package dev.gradestream.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.OptionalLong;

@ConfigMapping(prefix = "gradestream.ingest")
public interface IngestConfig {
    /**
     * False: this instance takes no submissions ({@code POST /submit} and {@code POST /submissions} answer
     * 404) and reads no consumer lag.
     */
    @WithDefault("true")
    boolean enabled();

    /** Largest request body accepted; room for the largest code, tests and stdin, JSON-escaped. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /**
     * {@code POST /submit} waits for the verdict for twice the submission's own time budget (native
     * run, then Valgrind) plus this margin for queueing and compiling; then it answers 202 with the
     * verdict's location instead of hanging.
     */
    @WithDefault("30s")
    Duration verdictWaitMargin();

    /** Back-pressure: its keys sit directly under {@code gradestream.ingest}. */
    @WithParentName
    Backpressure backpressure();

    interface Backpressure {
        /** Above this many submissions waiting for the executors, new ones are refused with 429. */
        @WithDefault("2000")
        long maxLag();

        /** Once refusing, submissions are accepted again when the lag is down to this; unset = ¾ of max-lag. */
        OptionalLong resumeLag();

        /** The consumer group whose lag on {@code submissions} is the queue: the executors'. */
        @WithDefault("gradestream-executor")
        String executorGroup();

        /** How often the lag is read from Kafka (in the background, never per request). */
        @WithDefault("1s")
        Duration lagRefresh();

        /** When the lag could not be read for this long, new submissions are refused with 503. */
        @WithDefault("10s")
        Duration lagStaleness();

        /** Retry-After is estimated from the drain rate, but never below this... */
        @WithDefault("1s")
        Duration retryAfterMin();

        /** ...nor above this. */
        @WithDefault("60s")
        Duration retryAfterMax();
    }
}
