package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Finds out what this machine offers by building the helpers, opening the cgroup parents and starting one
 * real (empty) sandbox as the sandbox user; keeps what it built for {@link Sandbox}.
 */
final class SandboxProbe {
    private static final Logger LOG = Logger.getLogger(SandboxProbe.class.getName());
    private static final long PROBE_TIMEOUT_MS = 20_000;

    /**
     * Everything a {@link Sandbox} needs; the parts are null when {@code capabilities} lists problems.
     * {@code debugInfo} is the {@link DebugInfoMirror} to bind over /usr/lib/debug, or null for the host's;
     * {@code networks} the pool of network namespaces, or null when each launch makes its own.
     */
    record Result(SandboxCapabilities capabilities, NativeHelpers helpers, Path etc, Path runDir,
            CgroupBackend cgroups, Path debugInfo, NetworkNamespaces networks) {
    }

    private SandboxProbe() {
    }

    static Result run(SandboxConfig config) {
        List<String> problems = new ArrayList<>();
        String version = bwrapVersion(config.bwrap(), problems);
        NativeHelpers helpers = null;
        Path etc = null;
        Path runDir = null;
        Path debugInfo = null;
        try {
            helpers = NativeHelpers.prepare(config.cacheDir(), config.cc());
            etc = SandboxEtc.generate(config.cacheDir(), config.identity());
            runDir = config.cacheDir().resolve("run");
            Files.createDirectories(runDir);
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
            if (config.stripDebugInfo()) {
                debugInfo = DebugInfoMirror.prepare(config.cacheDir(), DebugInfoMirror.HOST_DEBUG, "objcopy")
                        .orElse(null);
            }
        } catch (IOException e) {
            problems.add(e.getMessage() + (e.getMessage() != null && e.getMessage().contains("Cannot run program")
                    ? " (install gcc, libc6-dev and libseccomp-dev)" : ""));
            helpers = null;
        }
        boolean namespaces = version != null && helpers != null && namespacesWork(config, helpers, problems);
        CgroupBackend cgroups = cgroups(config);
        SandboxCapabilities capabilities = new SandboxCapabilities(version, helpers != null, namespaces,
                cgroups.description(), cgroups.limitsByCgroup(), problems);
        NetworkNamespaces networks = namespaces && config.poolNetworkNamespaces()
                ? NetworkNamespaces.open(helpers.launcher()).orElse(null) : null;
        return new Result(capabilities, helpers, etc, runDir, cgroups, debugInfo, networks);
    }

    private static String bwrapVersion(Path bwrap, List<String> problems) {
        if (!Files.isExecutable(bwrap)) {
            problems.add("bubblewrap is not installed (apt-get install bubblewrap)");
            return null;
        }
        try {
            HostCommand.Result result = HostCommand.run(List.of(bwrap.toString(), "--version"), null, PROBE_TIMEOUT_MS);
            String version = result.output().replaceFirst("^bubblewrap\\s*", "");
            String[] parts = version.split("\\.");
            if (!result.ok() || parts.length < 2 || Integer.parseInt(parts[0]) == 0 && Integer.parseInt(parts[1]) < 8) {
                problems.add("bubblewrap 0.8 or newer is needed for --disable-userns (found " + result.output() + ")");
            }
            return version;
        } catch (IOException | NumberFormatException e) {
            problems.add("cannot run " + bwrap + ": " + e.getMessage());
            return null;
        }
    }

    /** One empty sandbox with every namespace and the seccomp filter, as the sandbox user. */
    private static boolean namespacesWork(SandboxConfig config, NativeHelpers helpers, List<String> problems) {
        List<String> command = new ArrayList<>(List.of(helpers.launcher().toString(),
                "--open", SandboxLayout.SECCOMP_FD + ":r:" + helpers.seccompFilter(),
                "--uid", Integer.toString(config.identity().uid()), "--gid", Integer.toString(config.identity().gid()),
                "--", config.bwrap().toString(), "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--as-pid-1", "--die-with-parent", "--new-session",
                "--disable-userns", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"));
        command.addAll(BwrapArguments.usrAliases());
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--seccomp",
                Integer.toString(SandboxLayout.SECCOMP_FD), "--", "/usr/bin/true"));
        try {
            HostCommand.Result result = HostCommand.run(command, null, PROBE_TIMEOUT_MS);
            if (result.ok()) {
                return true;
            }
            problems.add("bwrap cannot create a sandbox as uid " + config.identity().uid() + ": " + result.output()
                    + UserNamespaceHints.forThisHost());
        } catch (IOException e) {
            problems.add("cannot start the sandbox launcher: " + e.getMessage());
        }
        return false;
    }

    private static CgroupBackend cgroups(SandboxConfig config) {
        if (!config.useCgroups()) {
            return new NoCgroups("disabled by configuration");
        }
        CgroupMounts mounts = CgroupMounts.ofThisProcess();
        try {
            if (CgroupV2.available(mounts)) {
                return warnIfMovesWait(mounts, CgroupV2.open(mounts, config.cgroupName(), config.cpus()));
            }
            if (mounts.v1().keySet().containsAll(CgroupV1.REQUIRED)) {
                return warnIfMovesWait(mounts, CgroupV1.open(mounts, config.cgroupName(), config.cpus()));
            }
            return new NoCgroups("neither a delegated cgroup v2 hierarchy with memory and pids nor cgroup v1 "
                    + CgroupV1.REQUIRED + " controllers are mounted");
        } catch (IOException | RuntimeException e) {
            return new NoCgroups("cgroups are not writable: " + e.getMessage());
        }
    }

    private static CgroupBackend warnIfMovesWait(CgroupMounts mounts, CgroupBackend backend) {
        if (mounts.movesWaitForRcu()) {
            LOG.warning("sandbox: cgroup2 is mounted without favordynmods, so every launch waits ~10 ms for an RCU"
                    + " grace period to join its cgroups; as root: mount -o remount,favordynmods <cgroup2 mount>"
                    + " (bin/setup-toolchain does it)");
        }
        return backend;
    }
}
