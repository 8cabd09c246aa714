package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One launch's cgroup in a delegated v2 hierarchy. */
final class CgroupV2Launch implements LaunchCgroup {
    private final Path dir;
    /** memory.peak only exists since Linux 5.19; before that the peak is sampled while polling. */
    private long sampledPeak = -1;

    CgroupV2Launch(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    public synchronized CgroupCounters counters() {
        long peak = CgroupFiles.readLong(dir.resolve("memory.peak"));
        if (peak < 0) {
            sampledPeak = Math.max(sampledPeak, CgroupFiles.readLong(dir.resolve("memory.current")));
            peak = sampledPeak;
        }
        long usageUs = CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec");
        return new CgroupCounters(usageUs * 1_000, peak, CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill"),
                CgroupFiles.keyed(dir.resolve("pids.events"), "max"));
    }

    @Override
    public synchronized void killAll() {
        try {
            if (Files.exists(dir.resolve("cgroup.kill"))) {
                CgroupFiles.write(dir.resolve("cgroup.kill"), "1");
                return;
            }
            CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
            CgroupFiles.killEach(dir.resolve("cgroup.procs"));
            CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
        } catch (IOException e) {
            CgroupFiles.killEach(dir.resolve("cgroup.procs"));
        }
    }

    @Override
    public void close() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        killAll();
        if (!CgroupFiles.removeNow(dir)) {
            CgroupFiles.awaitEmpty(dir.resolve("cgroup.procs"), this::killAll);
            CgroupFiles.remove(dir);
        }
    }

    @Override
    public String toString() {
        return "v2 cgroup " + dir;
    }
}
