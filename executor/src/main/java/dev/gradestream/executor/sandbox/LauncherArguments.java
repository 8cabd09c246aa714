package dev.gradestream.executor.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The gs-launch command line: descriptors, cgroups, rlimits and identity, then the bwrap command. */
final class LauncherArguments {

    private LauncherArguments() {
    }

    /**
     * @param procsFiles   the launch's cgroup.procs files; empty without cgroups
     * @param rlimitsOnly  no cgroups: memory and processes are bounded by RLIMIT_AS and RLIMIT_NPROC
     * @param netns        the pooled network namespace to enter ({@code PID:COOKIE}, see
     *                     {@link NetworkNamespaces.Lease#argument}), or null when bwrap makes one
     */
    static List<String> build(NativeHelpers helpers, SandboxSpec spec, Path statusFile, List<Path> procsFiles,
            String netns, SandboxIdentity identity, boolean rlimitsOnly, List<String> bwrap) {
        List<String> args = new ArrayList<>(List.of(helpers.launcher().toString(),
                "--open", SandboxLayout.SECCOMP_FD + ":r:" + helpers.seccompFilter(),
                "--open", SandboxLayout.JOB_DIR_FD + ":d:" + spec.jobDir(),
                "--open", SandboxLayout.STATUS_FD + ":w:" + statusFile,
                "--status-fd", Integer.toString(SandboxLayout.STATUS_FD)));
        for (Path procs : procsFiles) {
            args.addAll(List.of("--join", procs.toString()));
        }
        if (netns != null) {
            args.addAll(List.of("--netns", netns));
        }
        SandboxLimits limits = spec.limits();
        long cpuSeconds = (spec.cpuTime().toMillis() + 999) / 1000;
        // RLIMIT_CPU counts per process; with cgroups the total is watched and this is only a backstop.
        long cpuSoft = rlimitsOnly ? cpuSeconds : cpuSeconds + 1;
        limit(args, "cpu", cpuSoft, cpuSoft + 1);
        limit(args, "fsize", limits.fileSizeBytes(), limits.fileSizeBytes());
        limit(args, "core", 0, 0);
        limit(args, "nofile", limits.openFiles(), limits.openFiles());
        if (rlimitsOnly) {
            // Poor substitutes, kept for hosts without cgroups: RLIMIT_AS makes Valgrind fail early, and
            // RLIMIT_NPROC counts every process of the sandbox uid, other launches included.
            limit(args, "as", limits.memoryBytes(), limits.memoryBytes());
            limit(args, "nproc", limits.pids(), limits.pids());
        }
        args.addAll(List.of("--uid", Integer.toString(identity.uid()), "--gid", Integer.toString(identity.gid()),
                "--"));
        args.addAll(bwrap);
        return args;
    }

    private static void limit(List<String> args, String name, long soft, long hard) {
        args.addAll(List.of("--rlimit", name + "=" + soft + ":" + hard));
    }
}
