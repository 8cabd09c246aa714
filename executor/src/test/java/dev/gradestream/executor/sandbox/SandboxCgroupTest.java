package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v1 tree kills this machine does not pick by default, and the sweep of a dead service's cgroups. */
class SandboxCgroupTest {
    private static final String PARENT = "gradestream-cgroup-test";
    private CgroupMounts mounts;

    @BeforeEach
    void needsWritableV1() {
        assumeTrue(SandboxIdentity.currentUid() == 0, "needs root");
        mounts = CgroupMounts.ofThisProcess();
        assumeTrue(mounts.v1().keySet().containsAll(List.of("pids", "freezer", "memory", "cpuacct")), "needs cgroup v1");
    }

    @AfterEach
    void removeParents() {
        for (String controller : List.of("pids", "freezer", "memory", "cpuacct", "cpu")) {
            if (mounts.v1().containsKey(controller)) {
                CgroupFiles.remove(mounts.v1().get(controller).resolve(PARENT));
            }
        }
        if (mounts.v2() != null) {
            CgroupFiles.remove(mounts.v2().resolve(PARENT));
        }
    }

    @Test
    void theFreezerKillsTheWholeTreeWhenThereIsNoCgroupKill() throws Exception {
        killsItsTree(List.of("pids", "freezer"));
    }

    @Test
    void signalsAloneKillTheTreeWhenThereIsNoFreezerEither() throws Exception {
        killsItsTree(List.of("pids"));
    }

    @Test
    void aDeadServicesLaunchCgroupsAreKilledAndRemovedAtTheNextStart() throws Exception {
        String orphan = "j" + deadPid() + "-1";
        Map<String, Path> dirs = dirs(List.of("memory", "pids", "cpuacct"), orphan);
        Process tree = startIn(dirs);
        awaitJoined(dirs.get("pids"));
        CgroupV1.open(mounts, PARENT, 1.0);
        assertThat(tree.waitFor(5, TimeUnit.SECONDS)).isTrue();
        dirs.values().forEach(dir -> assertThat(dir).doesNotExist());
    }

    private void killsItsTree(List<String> controllers) throws Exception {
        Map<String, Path> dirs = dirs(controllers, "j" + ProcessHandle.current().pid() + "-kill");
        Process tree = startIn(dirs);
        CgroupV1Launch launch = new CgroupV1Launch(dirs, null);
        awaitJoined(dirs.get("pids"));
        launch.close();
        assertThat(tree.waitFor(5, TimeUnit.SECONDS)).isTrue();
        dirs.values().forEach(dir -> assertThat(dir).doesNotExist());
    }

    private Map<String, Path> dirs(List<String> controllers, String launchId) throws Exception {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : controllers) {
            Path dir = mounts.v1().get(controller).resolve(PARENT).resolve(launchId);
            Files.createDirectories(dir);
            dirs.put(controller, dir);
        }
        return dirs;
    }

    /** A shell that joins the cgroups, then forks two sleepers that would outlive it. */
    private static Process startIn(Map<String, Path> dirs) throws Exception {
        StringBuilder join = new StringBuilder();
        for (Path dir : dirs.values()) {
            join.append("echo $$ > ").append(dir.resolve("cgroup.procs")).append("; ");
        }
        return new ProcessBuilder("sh", "-c", join + "sleep 60 & sleep 60 & wait").start();
    }

    /** The shell and both its sleepers are inside. */
    private static void awaitJoined(Path dir) throws InterruptedException {
        for (int i = 0; i < 500 && CgroupFiles.pids(dir.resolve("cgroup.procs")).size() < 3; i++) {
            Thread.sleep(10);
        }
        assertThat(CgroupFiles.pids(dir.resolve("cgroup.procs"))).hasSizeGreaterThanOrEqualTo(3);
    }

    private static long deadPid() {
        for (long pid = 4_000_000;; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
