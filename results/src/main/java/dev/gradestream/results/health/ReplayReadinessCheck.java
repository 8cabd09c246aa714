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
 * {@code results} is in place. A part this instance does not run (the index without the read path, the
 * tail on an executor) is reported as off and waited for by nobody.
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
        boolean indexed = !progress.enabled() || progress.caughtUp();
        boolean tailed = !tail.enabled() || tail.positioned();
        var builder = HealthCheckResponse.named("read path").status(indexed && tailed);
        if (progress.enabled()) {
            builder.withData("verdicts indexed", progress.caughtUp());
        } else {
            builder.withData("verdicts indexed", "off");
        }
        if (tail.enabled()) {
            builder.withData("results tailed", tail.positioned());
        } else {
            builder.withData("results tailed", "off");
        }
        progress.behindByPartition().forEach((partition, lag) -> builder.withData("verdicts partition " + partition + " behind", lag));
        return builder.build();
    }
}
