package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One launch's v1 cgroups (and its controller-less cgroup2 directory, used only to kill). */
final class CgroupV1Launch implements LaunchCgroup {
    private static final long FREEZE_WAIT_MS = 1_000;

    private final Map<String, Path> dirs;
    private final Path unified;
    private boolean closed;

    CgroupV1Launch(Map<String, Path> dirs, Path unified) {
        this.dirs = dirs;
        this.unified = unified;
    }

    Path unified() {
        return unified;
    }

    @Override
    public List<Path> procsFiles() {
        return CgroupV1.distinct(dirs, unified).stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    @Override
    public CgroupCounters counters() {
        Path memory = dirs.get("memory");
        return new CgroupCounters(CgroupFiles.readLong(dirs.get("cpuacct").resolve("cpuacct.usage")),
                CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes")),
                CgroupFiles.keyed(memory.resolve("memory.oom_control"), "oom_kill"),
                CgroupFiles.keyed(dirs.get("pids").resolve("pids.events"), "max"));
    }

    @Override
    public synchronized void killAll() {
        try {
            if (unified != null && Files.exists(unified.resolve("cgroup.kill"))) {
                CgroupFiles.write(unified.resolve("cgroup.kill"), "1");
                return;
            }
            if (dirs.containsKey("freezer") && Files.isDirectory(dirs.get("freezer"))) {
                freezeAndKill(dirs.get("freezer"));
                return;
            }
        } catch (IOException e) {
            // Fall through to killing one by one: a tree kill must not give up.
        }
        CgroupFiles.killEach(dirs.get("pids").resolve("cgroup.procs"));
    }

    /** Frozen processes cannot fork while we walk the list; SIGKILL takes effect as they thaw. */
    private static void freezeAndKill(Path freezer) throws IOException {
        Path state = freezer.resolve("freezer.state");
        CgroupFiles.write(state, "FROZEN");
        long deadline = System.nanoTime() + FREEZE_WAIT_MS * 1_000_000;
        while (!CgroupFiles.read(state).equals("FROZEN") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        CgroupFiles.killEach(freezer.resolve("cgroup.procs"));
        CgroupFiles.write(state, "THAWED");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        // Usually the launcher has reaped the whole tree already and the first rmdir succeeds.
        for (Path dir : CgroupV1.distinct(dirs, unified)) {
            if (!CgroupFiles.removeNow(dir)) {
                CgroupFiles.awaitEmpty(dir.resolve("cgroup.procs"), this::killAll);
                CgroupFiles.remove(dir);
            }
        }
    }

    @Override
    public String toString() {
        return "v1 cgroups " + dirs.values() + (unified == null ? "" : " + " + unified);
    }
}
