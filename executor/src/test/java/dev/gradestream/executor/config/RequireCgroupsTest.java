package dev.gradestream.executor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradestream.executor.sandbox.SandboxCapabilities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gradestream.executor.require-cgroups: an executor on rlimits alone refuses to start only when told to. */
class RequireCgroupsTest {
    private static final SandboxCapabilities RLIMITS_ONLY = new SandboxCapabilities("0.8.0", true, true,
            "no cgroups (cgroups are not writable: /sys/fs/cgroup is read-only): rlimits only", false, List.of());
    private static final SandboxCapabilities CGROUPS = new SandboxCapabilities("0.8.0", true, true,
            "cgroup v2 (memory, pids, cpu)", true, List.of());

    @Test
    void requiredCgroupsMissingRefusesSayingWhatItFoundAndWhatToDo() {
        assertThatThrownBy(() -> GradingEngineProducer.checkCgroups(true, RLIMITS_ONLY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gradestream.executor.require-cgroups=true, but this executor cannot limit launches by cgroup:"
                        + " no cgroups (cgroups are not writable: /sys/fs/cgroup is read-only): rlimits only. Run it where"
                        + " cgroups are writable (a host as root, or a delegated cgroup v2), or set"
                        + " gradestream.executor.require-cgroups=false to grade on rlimits and the wall clock alone.");
    }

    @Test
    void rlimitsAloneAreAcceptedUnlessCgroupsAreRequired() {
        assertThatCode(() -> GradingEngineProducer.checkCgroups(false, RLIMITS_ONLY)).doesNotThrowAnyException();
        assertThatCode(() -> GradingEngineProducer.checkCgroups(true, CGROUPS)).doesNotThrowAnyException();
    }

    @Test
    void theEnforcementSaysWhatBoundsALaunch() {
        assertThat(RLIMITS_ONLY.enforcement()).isEqualTo("rlimits only: memory by"
                + " RLIMIT_AS, processes by RLIMIT_NPROC (counts every process of the sandbox uid), CPU by RLIMIT_CPU per"
                + " process; plus RLIMIT_FSIZE, RLIMIT_NOFILE, the wall clock and the output cap. A memory or process"
                + " limit shows as the program's failure, not as memory_limit");
        assertThat(CGROUPS.enforcement()).isEqualTo("per launch by cgroup: memory (OOM"
                + " kill), processes (pids), total CPU time; plus RLIMIT_FSIZE, RLIMIT_NOFILE, the wall clock and the"
                + " output cap");
    }
}
