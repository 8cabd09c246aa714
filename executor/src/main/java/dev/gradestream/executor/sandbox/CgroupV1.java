package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Launch cgroups on a cgroup v1 host: {@code <our cgroup>/<name>/<launch id>} in the memory, pids, cpuacct,
 * cpu and freezer hierarchies, plus the controller-less cgroup2 hierarchy when it offers cgroup.kill (an
 * atomic kill of the whole tree, which v1 lacks).
 */
final class CgroupV1 implements CgroupBackend {
    static final List<String> REQUIRED = List.of("memory", "pids", "cpuacct");
    private static final long CFS_PERIOD_US = 100_000;

    /** controller → parent directory; co-mounted controllers (cpu,cpuacct) share one. */
    private final Map<String, Path> parents;
    private final Path unifiedParent;
    private final double cpus;

    private CgroupV1(Map<String, Path> parents, Path unifiedParent, double cpus) {
        this.parents = parents;
        this.unifiedParent = unifiedParent;
        this.cpus = cpus;
    }

    /** Creates the parents and proves they are writable, or says why not. */
    static CgroupV1 open(CgroupMounts mounts, String name, double cpus) throws IOException {
        Path unified = unifiedParent(mounts, name);
        Map<String, Path> parents = new LinkedHashMap<>();
        for (String controller : REQUIRED) {
            Path own = mounts.v1().get(controller);
            if (own == null) {
                throw new IOException("cgroup v1 controller '" + controller + "' is not mounted");
            }
            parents.put(controller, own.resolve(name));
        }
        // Every hierarchy costs a cgroup migration per launch: cpu only for a quota, the freezer only
        // when cgroup.kill cannot kill the tree.
        if (mounts.v1().containsKey("cpu") && cpus > 0) {
            parents.put("cpu", mounts.v1().get("cpu").resolve(name));
        }
        if (mounts.v1().containsKey("freezer") && unified == null) {
            parents.put("freezer", mounts.v1().get("freezer").resolve(name));
        }
        for (Path parent : distinct(parents, null)) {
            CgroupFiles.mkdirs(parent);
            Path probe = parent.resolve("probe-" + ProcessHandle.current().pid());
            CgroupFiles.mkdirs(probe);
            CgroupFiles.remove(probe);
        }
        CgroupV1 backend = new CgroupV1(parents, unified, cpus);
        StaleLaunches.sweep(backend.parents(), backend::adopt);
        return backend;
    }

    /** The controller-less cgroup2 parent when it offers cgroup.kill (Linux 5.14+), else null. */
    private static Path unifiedParent(CgroupMounts mounts, String name) {
        if (mounts.v2() == null) {
            return null;
        }
        Path unified = mounts.v2().resolve(name);
        try {
            CgroupFiles.mkdirs(unified);
        } catch (IOException e) {
            return null;
        }
        if (!Files.exists(unified.resolve("cgroup.kill"))) {
            CgroupFiles.remove(unified);
            return null;
        }
        return unified;
    }

    @Override
    public LaunchCgroup create(String launchId, SandboxLimits limits) throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        parents.forEach((controller, parent) -> dirs.put(controller, parent.resolve(launchId)));
        CgroupV1Launch launch = new CgroupV1Launch(dirs, unifiedParent == null ? null : unifiedParent.resolve(launchId));
        try {
            for (Path dir : distinct(dirs, launch.unified())) {
                Files.createDirectory(dir);
            }
            Path memory = dirs.get("memory");
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                // With swap accounting on, memory.limit alone would let the job spill into swap.
                CgroupFiles.write(memsw, Long.toString(limits.memoryBytes()));
            }
            CgroupFiles.write(dirs.get("pids").resolve("pids.max"), Integer.toString(limits.pids()));
            if (dirs.containsKey("cpu")) {
                CgroupFiles.write(dirs.get("cpu").resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
                CgroupFiles.write(dirs.get("cpu").resolve("cpu.cfs_quota_us"),
                        Long.toString(Math.round(cpus * CFS_PERIOD_US)));
            }
            return launch;
        } catch (IOException | RuntimeException e) {
            launch.close();
            throw e;
        }
    }

    /** Rebuilds the handle of a launch cgroup left behind by a dead service, so it can be closed. */
    private LaunchCgroup adopt(String launchId) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        parents.forEach((controller, parent) -> dirs.put(controller, parent.resolve(launchId)));
        return new CgroupV1Launch(dirs, unifiedParent == null ? null : unifiedParent.resolve(launchId));
    }

    @Override
    public String description() {
        return "cgroup v1 (" + String.join(", ", parents.keySet()) + ")"
                + (unifiedParent != null ? ", tree kill by cgroup2 cgroup.kill"
                        : parents.containsKey("freezer") ? ", tree kill by freezer" : ", tree kill by signals");
    }

    @Override
    public boolean limitsByCgroup() {
        return true;
    }

    @Override
    public List<Path> parents() {
        return distinct(parents, unifiedParent);
    }

    static List<Path> distinct(Map<String, Path> dirs, Path extra) {
        return Stream.concat(dirs.values().stream(), Stream.ofNullable(extra)).distinct().toList();
    }
}
