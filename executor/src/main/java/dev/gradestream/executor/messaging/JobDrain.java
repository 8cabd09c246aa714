package dev.gradestream.executor.messaging;

import dev.gradestream.executor.config.ExecutorConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Graceful shutdown of the executor. On SIGTERM it stops jobs from starting (records already fetched
 * are left unacknowledged, so their offsets are not committed and the next owner of the partition grades
 * them) and waits for the running ones to finish and be acknowledged, within a grace period, before the
 * Kafka connector closes and commits. So a SIGTERM neither loses a job nor grades one twice.
 */
@ApplicationScoped
public class JobDrain {
    private static final Logger LOG = Logger.getLogger(JobDrain.class);

    private final Duration grace;
    private int running;
    private boolean draining;

    JobDrain(ExecutorConfig config) {
        this.grace = config.shutdownGrace();
    }

    /** False once shutdown began: the caller must not start the job. */
    synchronized boolean tryStart() {
        if (draining) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void finished() {
        running--;
        notifyAll();
    }

    // ShutdownEvent comes before any bean is destroyed, so the connector can still ack and commit.
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        drain(grace);
    }

    synchronized void drain(Duration atMost) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + atMost.toNanos();
        if (running > 0) {
            LOG.infof("Shutting down: waiting up to %d s for %d running jobs", atMost.toSeconds(), running);
        }
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warnf("Shutting down with %d jobs still running; they will run again elsewhere", running);
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
