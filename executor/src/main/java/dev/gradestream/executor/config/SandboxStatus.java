package dev.gradestream.executor.config;

import dev.gradestream.executor.sandbox.Sandbox;
import java.util.Optional;

/**
 * The sandbox this executor grades in, or none: explicitly disabled, or not needed because this instance
 * grades nothing. Shown in /q/health.
 *
 * @param isolation "bwrap", "none" (disabled: development only) or "off" (nothing is graded here)
 * @param limits    how a launch is bounded, in words; empty without a sandbox
 */
public record SandboxStatus(Optional<Sandbox> sandbox, String isolation, String summary, String limits) {

    static SandboxStatus of(Sandbox sandbox) {
        return new SandboxStatus(Optional.of(sandbox), "bwrap", sandbox.capabilities().summary(),
                sandbox.capabilities().enforcement());
    }

    static SandboxStatus disabled() {
        return new SandboxStatus(Optional.empty(), "none", "sandbox disabled (gradestream.sandbox=none): development only", "");
    }

    /** No probe at all: bwrap and the toolchain need not even be installed (ingest and results pods). */
    static SandboxStatus notNeeded() {
        return new SandboxStatus(Optional.empty(), "off",
                "no sandbox: this instance grades nothing (gradestream.executor.enabled=false)", "");
    }
}
