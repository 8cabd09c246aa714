package dev.gradestream.executor.health;

import dev.gradestream.executor.config.SandboxStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows what isolation this executor grades with. It is UP whenever the executor started at all: without
 * a sandbox (and without {@code gradestream.sandbox=none}) it refuses to start, so DOWN never lies here.
 */
@Readiness
@ApplicationScoped
public class SandboxReadinessCheck implements HealthCheck {
    private final SandboxStatus status;

    SandboxReadinessCheck(SandboxStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sandbox")
                .up()
                .withData("isolation", status.sandbox().isPresent() ? "bwrap" : "none")
                .withData("capabilities", status.summary())
                .build();
    }
}
