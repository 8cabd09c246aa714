package dev.gradestream.ingest.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.ingest.backpressure.Admission.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Kafka unreachable: readings fail, nothing reaches the gate, and it refuses with 503 once the lag is stale. */
class LagMonitorTest {
    private static final Duration STALENESS = Duration.ofSeconds(2);

    @Test
    void aBrokerNobodyListensOnLeavesTheLagUnknownAndTheGateRefusing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AdmissionGate gate = new AdmissionGate(new GateLimits(5, 3, STALENESS, Duration.ofSeconds(1),
                Duration.ofSeconds(60)), Clock.systemUTC());
        // Settings an admin client does not know (a producer's linger.ms) are left out, not rejected.
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                "linger.ms", 0);
        LagMonitor monitor = new LagMonitor(gate);
        monitor.start(new ConsumerLagReader(kafka, "gradestream-executor", "submissions", Duration.ofMillis(300),
                Clock.systemUTC()), Duration.ofMillis(100));
        try {
            assertThat(gate.admission().outcome()).as("within the staleness period of the start").isEqualTo(Outcome.OPEN);
            Admission admission = awaitRefusal(gate);

            assertThat(admission.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(admission.lag()).isEqualTo(-1);
            assertThat(admission.retryAfterSeconds()).as("the staleness period").isEqualTo(2);
            assertThat(admission.unreadSeconds()).isGreaterThanOrEqualTo(2);
            assertThat(gate.lag()).isEmpty();
        } finally {
            monitor.stop();
        }
    }

    private static Admission awaitRefusal(AdmissionGate gate) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Admission admission = gate.admission();
            if (!admission.open()) {
                return admission;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gate still accepts 30 s after the start without a reading");
    }
}
