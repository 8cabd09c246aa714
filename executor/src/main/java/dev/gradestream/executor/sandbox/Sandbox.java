package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one command in a fresh sandbox per launch and reports what it measured.
 *
 * <p>Each launch: the job directory is handed to the sandbox user; cgroups are created with the limits;
 * gs-launch (as root) enters them and an empty network namespace lent by the pool, sets rlimits, drops to
 * the sandbox uid and execs bwrap, which builds the other namespaces, mounts and seccomp filter and runs
 * gs-init as process 1, which runs the command and reports its wait status. The watchdog kills the whole
 * tree on any limit, and on every exit path the tree is killed, the cgroups removed, the network namespace
 * given back (or dropped, if its tree may still be dying) and the status file deleted.
 */
public final class Sandbox {
    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

    private final SandboxConfig config;
    private final SandboxCapabilities capabilities;
    private final NativeHelpers helpers;
    private final Path etc;
    private final Path runDir;
    private final CgroupBackend cgroups;
    /** Bound over /usr/lib/debug; null to show the host's. */
    private final Path debugInfo;
    /** Lent to one launch at a time; null when each launch makes its own. */
    private final NetworkNamespaces networks;
    /** Extra variables for the launcher's own environment, standing in for the service's secrets in tests. */
    private final Map<String, String> launcherEnvironment;

    private Sandbox(SandboxConfig config, SandboxProbe.Result probe, Map<String, String> launcherEnvironment) {
        this.config = config;
        this.capabilities = probe.capabilities();
        this.helpers = probe.helpers();
        this.etc = probe.etc();
        this.runDir = probe.runDir();
        this.cgroups = probe.cgroups();
        this.debugInfo = probe.debugInfo();
        this.networks = probe.networks();
        this.launcherEnvironment = Map.copyOf(launcherEnvironment);
    }

    /** A sandbox with the default configuration; see {@link #create(SandboxConfig)}. */
    public static Sandbox create() {
        return create(SandboxConfig.defaults());
    }

    /**
     * Checks the machine and prepares the helpers.
     *
     * @throws SandboxUnavailableException when bwrap, user namespaces, seccomp or the helpers are missing
     *                                     (the message says what to install or allow)
     */
    public static Sandbox create(SandboxConfig config) {
        SandboxProbe.Result probe = SandboxProbe.run(config);
        SandboxCapabilities capabilities = probe.capabilities();
        if (!capabilities.usable()) {
            throw new SandboxUnavailableException(capabilities);
        }
        LOG.info(capabilities.summary() + (probe.networks() != null ? ", network namespaces pooled" : ""));
        if (!capabilities.limitsByCgroup()) {
            LOG.warning("sandbox: cgroups unavailable, falling back to rlimits only: memory is bounded by"
                    + " RLIMIT_AS, processes by RLIMIT_NPROC (shared by concurrent launches), CPU per process;"
                    + " memory and pids verdicts cannot be told");
        }
        return new Sandbox(config, probe, Map.of());
    }

    /** The same sandbox, with variables added to the launcher's environment (tests prove none leaks). */
    Sandbox withLauncherEnvironment(Map<String, String> variables) {
        return new Sandbox(config, new SandboxProbe.Result(capabilities, helpers, etc, runDir, cgroups, debugInfo,
                networks),
                variables);
    }

    public SandboxCapabilities capabilities() {
        return capabilities;
    }

    /** Whether launches see the symbols-only copy of /usr/lib/debug ({@link DebugInfoMirror}), not the host's. */
    public boolean stripsDebugInfo() {
        return debugInfo != null;
    }

    public SandboxIdentity identity() {
        return config.identity();
    }

    /** Whether launches enter pooled network namespaces ({@link NetworkNamespaces}) instead of making their own. */
    public boolean poolsNetworkNamespaces() {
        return networks != null;
    }

    /** How many pooled network namespaces exist; 0 without a pool. */
    int pooledNetworkNamespaces() {
        return networks == null ? 0 : networks.size();
    }

    /** The directories launch cgroups live in (for checks that nothing is left behind). */
    public List<Path> cgroupParents() {
        return cgroups.parents();
    }

    /**
     * Runs the command to its end or until a limit kills its tree. Never throws because of what the command
     * did; a setup failure is a {@link SandboxVerdict#SANDBOX_ERROR} result.
     *
     * <p>The calling thread stays in here until the tree is gone, and must: the launcher's parent-death
     * signal is tied to the thread that started it, not to the JVM.
     *
     * @throws InterruptedException when the caller is interrupted (the tree is killed and cleaned up first)
     * @throws RuntimeException     what the stdout line listener threw (the tree is killed first)
     */
    public SandboxResult run(SandboxSpec spec) throws InterruptedException {
        String launchId = StaleLaunches.nextId();
        long started = System.nanoTime();
        Path statusFile = runDir.resolve(launchId + ".status");
        try {
            JobDirectoryOwner.claim(spec.jobDir(), config.identity());
        } catch (IOException e) {
            return error(launchId, started, "cannot hand the job directory to the sandbox user: " + e);
        }
        NetworkNamespaces.Lease network = lease();
        LaunchCgroup cgroup;
        try {
            cgroup = cgroups.create(launchId, spec.limits());
        } catch (IOException e) {
            release(network, true);
            return error(launchId, started, "cannot create the launch cgroups: " + e);
        }
        // Whether nothing of the launch can be alive when the cgroups are closed: closing cgroups kills and
        // waits for the tree; without them, only a launcher that exited (it reaps every descendant) says so.
        boolean treeGone = cgroups.limitsByCgroup();
        try (cgroup) {
            List<String> command = LauncherArguments.build(helpers, spec, statusFile, cgroup.procsFiles(),
                    network == null ? null : network.argument(), config.identity(), !cgroups.limitsByCgroup(),
                    BwrapArguments.build(config.bwrap(), spec, etc, helpers.init(), debugInfo, network != null));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(launcherEnvironment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                treeGone = true;
                return error(launchId, started, "cannot start the sandbox launcher: " + e.getMessage());
            }
            LaunchRun run = new LaunchRun(process, cgroup, cgroups.limitsByCgroup(), config.minFreeDiskBytes());
            LaunchRun.Outcome outcome = run.await(spec, started);
            treeGone = true;
            CgroupCounters counters = cgroup.counters();
            cgroup.close(); // before the verdict: nothing of the tree may outlive run()
            if (outcome.listenerFailure() != null) {
                throw outcome.listenerFailure();
            }
            SandboxResult result = VerdictRules.decide(launchId, spec, outcome, counters, ExitStatus.read(statusFile),
                    cgroups.limitsByCgroup());
            log(spec, result);
            return result;
        } finally {
            // After the cgroups are closed: the whole tree is gone, and with it anything it left in the namespace.
            release(network, treeGone);
            deleteQuietly(statusFile);
        }
    }

    /** A pooled network namespace, or null for bwrap to make one (no pool, or the pool failed just now). */
    private NetworkNamespaces.Lease lease() {
        if (networks == null) {
            return null;
        }
        try {
            return networks.acquire();
        } catch (IOException e) {
            LOG.warning("sandbox: no pooled network namespace, this launch makes its own: " + e.getMessage());
            return null;
        }
    }

    /** Back to the pool only when nothing of the launch is left in it; else the namespace is dropped. */
    private void release(NetworkNamespaces.Lease network, boolean treeGone) {
        if (network == null) {
            return;
        }
        if (treeGone) {
            networks.release(network);
        } else {
            networks.discard(network);
        }
    }

    private static SandboxResult error(String launchId, long started, String message) {
        LOG.warning("sandbox " + launchId + ": " + message);
        return new SandboxResult(launchId, SandboxVerdict.SANDBOX_ERROR, message, -1, 0, -1,
                (System.nanoTime() - started) / 1_000_000, -1, "", "");
    }

    private static void log(SandboxSpec spec, SandboxResult result) {
        if (LOG.isLoggable(Level.FINE) || result.verdict() == SandboxVerdict.SANDBOX_ERROR) {
            LOG.log(result.verdict() == SandboxVerdict.SANDBOX_ERROR ? Level.WARNING : Level.FINE,
                    "sandbox " + result.launchId() + " " + spec.command().get(0) + ": " + result.summary());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.fine("cannot delete " + file + ": " + e);
        }
    }
}
