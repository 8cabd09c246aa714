package dev.gradestream.results.health;

import dev.gradestream.results.messaging.ReplayProgress;
import dev.gradestream.results.messaging.ResultsChannels;
import io.smallrye.common.annotation.Identifier;
import dev.gradestream.results.messaging.ResultsTail;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready to serve reads until every verdict written before boot is indexed and the live tail of
 * {@code results} is in place.
 */
@Readiness
@ApplicationScoped
public class ReplayReadinessCheck implements HealthCheck {
    private final ReplayProgress progress;
    private final ResultsTail tail;

    ReplayReadinessCheck(ReplayProgress progress,
            @Identifier(ResultsChannels.RESULTS_TAIL_LISTENER) ResultsTail tail) {
        this.progress = progress;
        this.tail = tail;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("read path").status(progress.caughtUp() && tail.positioned())
                .withData("verdicts indexed", progress.caughtUp())
                .withData("results tailed", tail.positioned());
        progress.behindByPartition().forEach((partition, lag) -> builder.withData("verdicts partition " + partition + " behind", lag));
        return builder.build();
    }
}
