package dev.gradestream.executor.config;

import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.metrics.GradingMetrics;
import dev.gradestream.executor.metrics.LimitCountingRunner;
import dev.gradestream.executor.sandbox.Sandbox;
import dev.gradestream.executor.sandbox.SandboxCapabilities;
import dev.gradestream.executor.sandbox.SandboxConfig;
import dev.gradestream.executor.sandbox.SandboxLimits;
import dev.gradestream.executor.sandbox.SandboxedProcessRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Wires the plain-Java grading engine into CDI. Every launch that submitted code can influence goes
 * through the sandbox; building the engine's own harness does not need it. Without a working sandbox
 * the executor does not start, unless {@code gradestream.sandbox=none} says so explicitly.
 */
public class GradingEngineProducer {
    private static final Logger LOG = Logger.getLogger(GradingEngineProducer.class);
    private static final long MIB = 1024 * 1024;

    /** Eager, so a machine without a usable sandbox fails at start with what to fix, not at the first job. */
    @Produces
    @Singleton
    @Startup
    SandboxStatus sandboxStatus(IsolationConfig isolation, ExecutorConfig executor) {
        if (!executor.enabled()) {
            return SandboxStatus.notNeeded(); // no probe, so fronts need neither bwrap nor a compiler
        }
        if (isolation.sandbox() == SandboxMode.NONE) {
            LOG.warn("gradestream.sandbox=none: submitted code runs WITHOUT isolation, as this service's user. "
                    + "Use this only on a development machine.");
            return SandboxStatus.disabled();
        }
        // Refuses, saying what to install or allow, when parts are missing; logs what it found.
        Sandbox sandbox = Sandbox.create(SandboxConfig.defaults().withStripDebugInfo(executor.stripDebugInfo())
                .withPoolNetworkNamespaces(executor.poolNetworkNamespaces()));
        checkCgroups(executor.requireCgroups(), sandbox.capabilities());
        return SandboxStatus.of(sandbox);
    }

    /** Refuses a sandbox on rlimits alone when cgroups are required, saying what it found and what to do. */
    static void checkCgroups(boolean required, SandboxCapabilities capabilities) {
        if (required && !capabilities.limitsByCgroup()) {
            throw new IllegalStateException("gradestream.executor.require-cgroups=true, but this executor cannot limit"
                    + " launches by cgroup: " + capabilities.cgroups() + ". Run it where cgroups are writable"
                    + " (a host as root, or a delegated cgroup v2), or set gradestream.executor.require-cgroups=false to"
                    + " grade on rlimits and the wall clock alone.");
        }
    }

    @Produces
    @ApplicationScoped
    GradingEngine gradingEngine(ExecutorConfig config, SandboxStatus status, GradingMetrics metrics) {
        ProcessRunner trusted = new LocalProcessRunner();
        if (status.sandbox().isEmpty()) {
            return new GradingEngine(config.toGradingConfig(), new LimitCountingRunner(trusted, metrics), trusted, metrics);
        }
        SandboxLimits limits = SandboxLimits.defaults()
                .withMemoryBytes(config.memoryLimitMb() * MIB)
                .withPids(config.pidsLimit())
                .withFileSizeBytes(config.fileSizeLimitMb() * MIB)
                .withTmpBytes(config.tmpSizeMb() * MIB);
        // Nothing outside the job directory is bound in: PrepareStage copies the harness object into it.
        ProcessRunner sandboxed = new SandboxedProcessRunner(status.sandbox().get(), limits, List.of());
        return new GradingEngine(config.toGradingConfig(), new LimitCountingRunner(sandboxed, metrics), trusted, metrics);
    }
}
