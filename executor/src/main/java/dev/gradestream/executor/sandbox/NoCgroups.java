package dev.gradestream.executor.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * No usable cgroups: the launch is bounded by rlimits alone (RLIMIT_AS for memory, RLIMIT_NPROC for
 * processes, RLIMIT_CPU per process) and the tree is killed through bwrap (--die-with-parent, and the
 * pid namespace dies with its init). Verdicts are then limited to what signals and the watchdog show.
 */
final class NoCgroups implements CgroupBackend {
    private final String reason;

    NoCgroups(String reason) {
        this.reason = reason;
    }

    @Override
    public LaunchCgroup create(String launchId, SandboxLimits limits) {
        return new LaunchCgroup() {
            @Override
            public List<Path> procsFiles() {
                return List.of();
            }

            @Override
            public CgroupCounters counters() {
                return CgroupCounters.UNKNOWN;
            }

            @Override
            public void killAll() {
                // The caller also kills bwrap itself, which takes the pid namespace down.
            }

            @Override
            public void close() {
                // nothing was created
            }
        };
    }

    @Override
    public String description() {
        return "no cgroups (" + reason + "): rlimits only";
    }

    @Override
    public boolean limitsByCgroup() {
        return false;
    }

    @Override
    public List<Path> parents() {
        return List.of();
    }
}
