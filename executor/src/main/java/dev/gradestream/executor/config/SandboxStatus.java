package dev.gradestream.executor.config;

import dev.gradestream.executor.sandbox.Sandbox;
import java.util.Optional;

/** The sandbox this executor grades in, or none when explicitly disabled; shown in /q/health. */
public record SandboxStatus(Optional<Sandbox> sandbox, String summary) {

    static SandboxStatus of(Sandbox sandbox) {
        return new SandboxStatus(Optional.of(sandbox), sandbox.capabilities().summary());
    }

    static SandboxStatus disabled() {
        return new SandboxStatus(Optional.empty(), "sandbox disabled (gradestream.sandbox=none): development only");
    }
}
