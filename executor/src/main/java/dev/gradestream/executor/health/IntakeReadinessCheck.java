package dev.gradestream.executor.health;

import dev.gradestream.executor.messaging.GradingIntake;
import dev.gradestream.executor.messaging.GradingSlots;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the intake's consumer thread runs and has joined its group (an assignment, even an empty
 * one when there are more executors than partitions); DOWN if that thread has died. Switched off
 * ({@code gradestream.executor.enabled=false}) it is UP and says so.
 */
@Readiness
@ApplicationScoped
public class IntakeReadinessCheck implements HealthCheck {
    private final GradingIntake intake;
    private final GradingSlots slots;

    IntakeReadinessCheck(GradingIntake intake, GradingSlots slots) {
        this.intake = intake;
        this.slots = slots;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("grading intake");
        Optional<GradingIntake.Status> status = intake.status();
        if (status.isEmpty()) {
            return response.up().withData("enabled", false).build();
        }
        GradingIntake.Status now = status.get();
        return response.status(now.running() && now.joined())
                .withData("enabled", true)
                .withData("running", now.running())
                .withData("assignedPartitions", now.assignedPartitions())
                .withData("slots", slots.size())
                .withData("busy", slots.busy())
                .build();
    }
}
