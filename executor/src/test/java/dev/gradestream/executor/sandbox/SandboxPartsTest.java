package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's pure parts, without running anything: these run on any machine, as any user. */
class SandboxPartsTest {
    private static final Path JOB = Path.of("/srv/jobs/42");

    @Test
    void theEffectiveIdsComeFromTheStatusFileNotFromWhoOwnsProcSelf() {
        List<String> status = List.of("Name:\tjava", "Uid:\t1000\t10001\t10001\t10001", "Gid:\t1000\t2000\t2000\t2000");

        assertThat(SandboxIdentity.effectiveId(status, "Uid:")).isEqualTo(10001);
        assertThat(SandboxIdentity.effectiveId(status, "Gid:")).isEqualTo(2000);
        assertThatThrownBy(() -> SandboxIdentity.effectiveId(List.of("Name:\tjava"), "Uid:"))
                .hasMessageContaining("no Uid: line");
        assertThat((long) SandboxIdentity.currentUid()).isEqualTo(new UnixSystem().getUid());
    }

    @Test
    void exitStatusLinesFromInitAndLauncher() {
        assertThat(ExitStatus.parse("exit 137\n")).isEqualTo(new ExitStatus(ExitStatus.Kind.EXITED, 137, ""));
        assertThat(ExitStatus.parse("signal 11 core\n")).isEqualTo(new ExitStatus(ExitStatus.Kind.SIGNALED, 11, "core"));
        assertThat(ExitStatus.parse("exec-error 2 No such file or directory\nexit 127\n"))
                .isEqualTo(new ExitStatus(ExitStatus.Kind.EXEC_FAILED, 2, "No such file or directory"));
        assertThat(ExitStatus.parse("launch-error cannot join cgroup x: EBUSY\n").kind())
                .isEqualTo(ExitStatus.Kind.LAUNCH_FAILED);
        assertThat(ExitStatus.parse("")).isEqualTo(ExitStatus.UNKNOWN);
    }

    @Test
    void verdictsComeFromCountersNotFromExitCodes() {
        SandboxSpec spec = SandboxSpec.builder(List.of("./a"), JOB).wallClock(Duration.ofSeconds(2)).build();
        CgroupCounters quiet = new CgroupCounters(1_000_000, 1 << 20, 0, 0);
        assertThat(decide(spec, null, quiet, new ExitStatus(ExitStatus.Kind.EXITED, 137, "")).verdict())
                .isEqualTo(SandboxVerdict.OK);
        assertThat(decide(spec, null, new CgroupCounters(1, 1, 1, 0), ExitStatus.UNKNOWN))
                .extracting(SandboxResult::verdict, SandboxResult::signal).containsExactly(SandboxVerdict.MEMORY_LIMIT, 9);
        // The fork bomb ran into the wall clock afterwards: the pids limit is still why.
        assertThat(decide(spec, StopCause.WALL_CLOCK, new CgroupCounters(1, 1, 0, 7), ExitStatus.UNKNOWN).verdict())
                .isEqualTo(SandboxVerdict.PIDS_LIMIT);
        assertThat(decide(spec, StopCause.CPU_TIME, new CgroupCounters(2_000_000_000L, 1, 0, 0), ExitStatus.UNKNOWN)
                .verdict()).isEqualTo(SandboxVerdict.CPU_LIMIT);
        assertThat(decide(spec, StopCause.OUTPUT, quiet, ExitStatus.UNKNOWN).verdict())
                .isEqualTo(SandboxVerdict.OUTPUT_LIMIT);
        assertThat(decide(spec, StopCause.WALL_CLOCK, quiet, ExitStatus.UNKNOWN))
                .extracting(SandboxResult::verdict, SandboxResult::exitCode).containsExactly(SandboxVerdict.WALL_TIMEOUT, 137);
        assertThat(decide(spec, null, quiet, new ExitStatus(ExitStatus.Kind.SIGNALED, 25, "")).verdict())
                .isEqualTo(SandboxVerdict.FILE_SIZE_LIMIT);
        assertThat(decide(spec, null, quiet, ExitStatus.UNKNOWN))
                .extracting(SandboxResult::verdict, SandboxResult::message)
                .containsExactly(SandboxVerdict.SANDBOX_ERROR, "the sandbox could not start (exit 1): bwrap: oops");
    }

    @Test
    void bwrapIsolatesEverythingAndMountsTheJobAtItsOwnPath() {
        SandboxSpec spec = SandboxSpec.builder(List.of("gcc", "-c", "a.c"), JOB)
                .readOnly(BindMount.same(Path.of("/srv/harness"))).build();
        List<String> args = BwrapArguments.build(Path.of("/usr/bin/bwrap"), spec, Path.of("/cache/etc"),
                Path.of("/cache/gs-init"), null, false);
        assertThat(args).contains("--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--disable-userns", "--clearenv",
                "--as-pid-1");
        String line = String.join(" ", args);
        assertThat(line).contains("--cap-drop ALL", "--ro-bind /usr /usr", "--proc /proc", "--dev /dev",
                "--size " + 16 * SandboxLimits.MIB + " --tmpfs /tmp", "--bind-fd 4 /srv/jobs/42",
                "--ro-bind /srv/harness /srv/harness", "--seccomp 3", "--chdir /srv/jobs/42",
                "--ro-bind /cache/etc /etc", "--setenv LANG C.UTF-8");
        assertThat(line).endsWith("-- /.sandbox/init 5 gcc -c a.c");
        // Read-only root only after everything is mounted into it.
        assertThat(args.indexOf("--remount-ro")).isGreaterThan(args.indexOf("--bind-fd"));
        assertThat(line).doesNotContain("/etc/shadow").doesNotContain("--ro-bind /etc /etc")
                .doesNotContain("/usr/lib/debug");
    }

    @Test
    void withAPooledNetworkNamespaceBwrapMakesNoneButEveryOtherNamespace() {
        SandboxSpec spec = SandboxSpec.builder(List.of("./prog"), JOB).build();
        List<String> args = BwrapArguments.build(Path.of("/usr/bin/bwrap"), spec, Path.of("/cache/etc"),
                Path.of("/cache/gs-init"), null, true);
        assertThat(args).doesNotContain("--unshare-net").contains("--unshare-user", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--disable-userns");
    }

    @Test
    void aDebugInfoMirrorIsBoundOverUsrLibDebugAfterUsr() {
        SandboxSpec spec = SandboxSpec.builder(List.of("valgrind", "./prog"), JOB).build();
        String line = String.join(" ", BwrapArguments.build(Path.of("/usr/bin/bwrap"), spec, Path.of("/cache/etc"),
                Path.of("/cache/gs-init"), Path.of("/cache/debug-1234"), false));
        assertThat(line).contains("--ro-bind /usr /usr --ro-bind /cache/debug-1234 /usr/lib/debug");
    }

    @Test
    void theLauncherGetsLimitsDescriptorsAndIdentity() {
        SandboxSpec spec = SandboxSpec.builder(List.of("./a"), JOB).wallClock(Duration.ofMillis(2500)).build();
        NativeHelpers helpers = new NativeHelpers(Path.of("/c"), Path.of("/c/gs-launch"), Path.of("/c/gs-init"),
                Path.of("/c/seccomp.bpf"));
        String line = String.join(" ", LauncherArguments.build(helpers, spec, Path.of("/run/j1.status"),
                List.of(Path.of("/cg/memory/j1/cgroup.procs")), null, new SandboxIdentity(60999, 60999), false,
                List.of("bwrap", "x")));
        assertThat(line).doesNotContain("--netns");
        assertThat(line).startsWith("/c/gs-launch --open 3:r:/c/seccomp.bpf --open 4:d:/srv/jobs/42 "
                + "--open 5:w:/run/j1.status --status-fd 5 --join /cg/memory/j1/cgroup.procs");
        assertThat(line).contains("--rlimit cpu=4:5", "--rlimit fsize=16777216:16777216", "--rlimit core=0:0",
                "--rlimit nofile=64:64").doesNotContain("--rlimit as=");
        assertThat(line).endsWith("--uid 60999 --gid 60999 -- bwrap x");
    }

    @Test
    void aPooledNetworkNamespaceIsEnteredByHolderPidAndCookieAfterTheCgroups() {
        SandboxSpec spec = SandboxSpec.builder(List.of("./a"), JOB).build();
        NativeHelpers helpers = new NativeHelpers(Path.of("/c"), Path.of("/c/gs-launch"), Path.of("/c/gs-init"),
                Path.of("/c/seccomp.bpf"));
        String line = String.join(" ", LauncherArguments.build(helpers, spec, Path.of("/run/j1.status"),
                List.of(Path.of("/cg/memory/j1/cgroup.procs")), "4242:c0ffee",
                new SandboxIdentity(60999, 60999), false, List.of("bwrap", "x")));
        assertThat(line).contains("--join /cg/memory/j1/cgroup.procs --netns 4242:c0ffee --rlimit");
    }

    @Test
    void cgroupMountsAreFoundBelowOurOwnCgroups() {
        CgroupMounts mounts = CgroupMounts.parse(List.of(
                "30 25 0:26 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory",
                "31 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct",
                "32 25 0:28 /docker/abc /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids",
                "33 25 0:29 / /sys/fs/cgroup/unified rw,relatime shared:12 - cgroup2 cgroup2 rw"),
                List.of("4:memory:/service/x", "3:cpu,cpuacct:/", "2:pids:/docker/abc/inner", "0::/"));
        assertThat(mounts.v1()).isEqualTo(Map.of("memory", Path.of("/sys/fs/cgroup/memory/service/x"),
                "cpu", Path.of("/sys/fs/cgroup/cpu,cpuacct"), "cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct"),
                "pids", Path.of("/sys/fs/cgroup/pids/inner")));
        assertThat(mounts.v2()).isEqualTo(Path.of("/sys/fs/cgroup/unified"));
    }

    @Test
    void cgroupMovesWaitForRcuUnlessCgroup2FavorsDynamicChanges() {
        String memory = "30 25 0:26 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory";
        List<String> membership = List.of("4:memory:/", "0::/");
        assertThat(CgroupMounts.parse(List.of(memory,
                "33 25 0:29 / /sys/fs/cgroup/unified rw,relatime shared:12 - cgroup2 cgroup2 rw"), membership)
                .movesWaitForRcu()).isTrue();
        assertThat(CgroupMounts.parse(List.of(memory,
                "33 25 0:29 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,favordynmods"), membership)
                .movesWaitForRcu()).isFalse();
        assertThat(CgroupMounts.parse(List.of(memory,
                "33 25 0:29 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot"), membership)
                .movesWaitForRcu()).isTrue();
        // Only v1 hierarchies: there is no flag to set, so nothing to advise.
        assertThat(CgroupMounts.parse(List.of(memory), membership).movesWaitForRcu()).isFalse();
    }

    @Test
    void specsRefuseJobDirectoriesTheSandboxNeedsForItself() {
        for (String reserved : List.of("/usr/src/job", "/etc", "/proc/1", "/dev/shm/x", "/.sandbox", "/", "/tmp", "/var",
                "/root/job", "/lib64/x")) {
            assertThatThrownBy(() -> SandboxSpec.builder(List.of("true"), Path.of(reserved)).build())
                    .as(reserved).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SandboxSpec.builder(List.of("true"), Path.of("/usrdata/job")).build().jobDir())
                .isEqualTo(Path.of("/usrdata/job"));
    }

    @Test
    void limitsDefaultsAndValgrindHeadroom() {
        SandboxLimits limits = SandboxLimits.defaults();
        assertThat(limits).isEqualTo(new SandboxLimits(256 * SandboxLimits.MIB, 64, null, 16 * SandboxLimits.MIB,
                16 * SandboxLimits.MIB, 64));
        assertThat(limits.cpuTimeFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.forValgrind().memoryBytes()).isEqualTo(256 * SandboxLimits.MIB * 13 / 10 + 70 * SandboxLimits.MIB);
    }

    private static SandboxResult decide(SandboxSpec spec, StopCause cause, CgroupCounters counters, ExitStatus status) {
        LaunchRun.Outcome outcome = new LaunchRun.Outcome(cause, 1, 10, "", "bwrap: oops\n", null);
        return VerdictRules.decide("j1-1", spec, outcome, counters, status, true);
    }
}
