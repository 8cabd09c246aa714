package dev.gradestream.results.health;

import dev.gradestream.results.messaging.ReplayProgress;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready to serve reads until every stage event written before boot has been replayed. */
@Readiness
@ApplicationScoped
public class ReplayReadinessCheck implements HealthCheck {
    private final ReplayProgress progress;

    ReplayReadinessCheck(ReplayProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("results replayed").status(progress.caughtUp());
        progress.behindByPartition().forEach((partition, lag) -> builder.withData("partition " + partition + " behind", lag));
        return builder.build();
    }
}
