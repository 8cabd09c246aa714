package dev.gradestream.executor.health;

import dev.gradestream.executor.config.SandboxStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows what isolation this executor grades with, and how launches are bounded (cgroups, or rlimits and the
 * wall clock alone). It is UP whenever the executor started at all: without a sandbox (and without
 * {@code gradestream.sandbox=none}) it refuses to start, so DOWN never lies here. An instance that grades
 * nothing has no sandbox and says so ({@code isolation: off}).
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
        var response = HealthCheckResponse.named("sandbox")
                .up()
                .withData("isolation", status.isolation())
                .withData("capabilities", status.summary());
        status.sandbox().ifPresent(sandbox -> response
                .withData("limitsByCgroup", sandbox.capabilities().limitsByCgroup())
                .withData("limits", status.limits()));
        return response.build();
    }
}
