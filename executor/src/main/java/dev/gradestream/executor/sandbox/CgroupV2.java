package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Launch cgroups in a delegated cgroup v2 hierarchy: {@code <our cgroup>/<name>/<launch id>} with the
 * memory, pids (and cpu) controllers enabled.
 *
 * <p>v2 allows controllers only in cgroups without processes of their own ("no internal processes"): when
 * our cgroup holds processes and refuses to enable controllers for its children, they are moved into a
 * leaf {@code <name>-service} first, the usual dance of a delegated service or a container's init.
 * Untested on the development machine (its memory, pids and cpu controllers are bound to v1).
 */
final class CgroupV2 implements CgroupBackend {
    private static final long CPU_PERIOD_US = 100_000;

    private final Path parent;
    private final boolean cpu;
    private final double cpus;

    private CgroupV2(Path parent, boolean cpu, double cpus) {
        this.parent = parent;
        this.cpu = cpu;
        this.cpus = cpus;
    }

    /** Whether our v2 cgroup offers the controllers a sandbox needs. */
    static boolean available(CgroupMounts mounts) {
        return mounts.v2() != null && controllers(mounts.v2()).containsAll(Set.of("memory", "pids"));
    }

    static CgroupV2 open(CgroupMounts mounts, String name, double cpus) throws IOException {
        Path own = mounts.v2();
        Set<String> available = controllers(own);
        boolean cpu = available.contains("cpu");
        String enable = "+memory +pids" + (cpu ? " +cpu" : "");
        try {
            CgroupFiles.write(own.resolve("cgroup.subtree_control"), enable);
        } catch (IOException busy) {
            Path leaf = own.resolve(name + "-service");
            CgroupFiles.mkdirs(leaf);
            for (long pid : CgroupFiles.pids(own.resolve("cgroup.procs"))) {
                CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
            }
            CgroupFiles.write(own.resolve("cgroup.subtree_control"), enable);
        }
        Path parent = own.resolve(name);
        CgroupFiles.mkdirs(parent);
        CgroupFiles.write(parent.resolve("cgroup.subtree_control"), enable);
        CgroupV2 backend = new CgroupV2(parent, cpu, cpus);
        StaleLaunches.sweep(List.of(parent), id -> new CgroupV2Launch(parent.resolve(id)));
        return backend;
    }

    @Override
    public LaunchCgroup create(String launchId, SandboxLimits limits) throws IOException {
        Path dir = parent.resolve(launchId);
        Files.createDirectory(dir);
        CgroupV2Launch launch = new CgroupV2Launch(dir);
        try {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(dir.resolve("memory.swap.max"))) {
                CgroupFiles.write(dir.resolve("memory.swap.max"), "0");
            }
            CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(limits.pids()));
            if (cpu && cpus > 0) {
                CgroupFiles.write(dir.resolve("cpu.max"), Math.round(cpus * CPU_PERIOD_US) + " " + CPU_PERIOD_US);
            }
            return launch;
        } catch (IOException | RuntimeException e) {
            launch.close();
            throw e;
        }
    }

    @Override
    public String description() {
        return "cgroup v2 (memory, pids" + (cpu ? ", cpu" : "") + "), tree kill by cgroup.kill";
    }

    @Override
    public boolean limitsByCgroup() {
        return true;
    }

    @Override
    public List<Path> parents() {
        return List.of(parent);
    }

    private static Set<String> controllers(Path dir) {
        try {
            return Set.copyOf(List.of(CgroupFiles.read(dir.resolve("cgroup.controllers")).split("\\s+")));
        } catch (IOException e) {
            return Set.of();
        }
    }
}
