package dev.gradestream.ingest.backpressure;

import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.protocol.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads the executors' lag on {@code submissions} every {@code lag-refresh} on a thread of its own and
 * hands each reading to the {@link AdmissionGate}. A failed reading only logs (once, when reading starts
 * failing): the gate sees that no reading came and turns to 503 after {@code lag-staleness}.
 */
@ApplicationScoped
public class LagMonitor {
    private static final Logger LOG = Logger.getLogger(LagMonitor.class);

    private final AdmissionGate gate;
    private final IngestConfig.Backpressure config;
    private final boolean enabled;
    private final Map<String, Object> kafka;
    private ScheduledExecutorService scheduler;
    private ConsumerLagReader reader;
    private boolean failing;

    @Inject
    LagMonitor(AdmissionGate gate, IngestConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.gate = gate;
        this.config = config.backpressure();
        this.enabled = config.enabled();
        this.kafka = kafka;
    }

    /** Started by hand with a reader of one's own ({@link #start}), not at application start. */
    LagMonitor(AdmissionGate gate) {
        this.gate = gate;
        this.config = null;
        this.enabled = true;
        this.kafka = Map.of();
    }

    /** After the embedded broker (startup priority 0) is up and has its topics. */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!enabled) { // no submissions taken here (gradestream.ingest.enabled=false): no lag to watch
            return;
        }
        start(new ConsumerLagReader(kafka, config.executorGroup(), Topics.SUBMISSIONS, config.lagStaleness(),
                Clock.systemUTC()), config.lagRefresh());
    }

    /** Before the clients and the embedded broker go, so the last readings do not log connection errors. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void start(ConsumerLagReader lagReader, Duration refresh) {
        reader = lagReader;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gradestream-lag-monitor");
            thread.setDaemon(true);
            return thread;
        });
        // Fixed delay, not rate: a reading that hangs until its timeout must not queue up more behind it.
        scheduler.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            reader.close();
            scheduler = null;
        }
    }

    private void refresh() {
        try {
            gate.onReading(reader.read());
            if (failing) {
                LOG.infof("The executors' lag on %s can be read again", Topics.SUBMISSIONS);
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!failing) {
                LOG.warnf("Cannot read the executors' lag on %s (%s); new submissions get 503 while it stays unread",
                        Topics.SUBMISSIONS, e);
                failing = true;
            }
        }
    }
}
