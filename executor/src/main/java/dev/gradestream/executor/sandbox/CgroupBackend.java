package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A way to put each launch in its own cgroups: v1, v2, or none at all. */
interface CgroupBackend {

    /** Creates the launch's cgroups with their limits; the caller closes them. */
    LaunchCgroup create(String launchId, SandboxLimits limits) throws IOException;

    /** "cgroup v1 (memory, pids, ...)", for the capability report. */
    String description();

    /** Whether limits and counters come from cgroups (false: rlimits only). */
    boolean limitsByCgroup();

    /** The directories launch cgroups are created in, one per hierarchy: tests check nothing is left. */
    List<Path> parents();
}
