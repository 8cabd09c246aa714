package dev.gradestream.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gradestream.ingest")
public interface IngestConfig {
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
}
