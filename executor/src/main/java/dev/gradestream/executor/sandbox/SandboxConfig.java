package dev.gradestream.executor.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the sandbox is set up on this machine (the same for every launch).
 *
 * @param identity         the uid/gid sandboxed commands run as
 * @param cacheDir         where the compiled helpers, the generated /etc and the status files live; must
 *                         belong to the service and be writable by nobody else (the launcher runs as root)
 * @param cgroupName       the directory under the service's own cgroups holding one cgroup per launch
 * @param cpus             CPU bandwidth of one launch in cores (cgroup cpu quota); 0 for no cap
 * @param useCgroups       false to run on rlimits alone even where cgroups work (for tests)
 * @param minFreeDiskBytes a launch is killed when the file system of its job directory has less free
 *                         space than this: RLIMIT_FSIZE bounds one file, not how many a job writes
 * @param bwrap            the bubblewrap binary
 * @param cc               the C compiler that builds the helpers
 * @param stripDebugInfo   true to show sandboxes a symbols-only copy of /usr/lib/debug (Valgrind starts
 *                         faster, same verdicts; see {@link DebugInfoMirror}); false for the host's files
 * @param poolNetworkNamespaces true to lend launches empty network namespaces made once ({@link NetworkNamespaces},
 *                         where the service may make them) instead of bwrap creating one per launch
 */
public record SandboxConfig(SandboxIdentity identity, Path cacheDir, String cgroupName, double cpus,
        boolean useCgroups, long minFreeDiskBytes, Path bwrap, String cc, boolean stripDebugInfo,
        boolean poolNetworkNamespaces) {

    public SandboxConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(cc, "cc");
        if (cgroupName == null || !cgroupName.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || cpus < 0
                || minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("bad cgroup name, cpus or disk floor: " + cgroupName + ", " + cpus
                    + ", " + minFreeDiskBytes);
        }
    }

    /**
     * The dedicated user (or uid 60999), /var/cache/gradestream/sandbox as root (else a directory of our
     * own under java.io.tmpdir), one CPU per launch, cgroups when the host allows, 1 GiB disk floor, bwrap
     * from PATH, gcc, symbols-only debug info, pooled network namespaces.
     */
    public static SandboxConfig defaults() {
        Path cache = SandboxIdentity.currentUid() == 0 ? Path.of("/var/cache/gradestream/sandbox")
                : Path.of(System.getProperty("java.io.tmpdir"), "gradestream-sandbox-" + SandboxIdentity.currentUid());
        return new SandboxConfig(SandboxIdentity.resolve(), cache, "gradestream", 1.0, true, 1L << 30,
                findOnPath("bwrap"), "gcc", true, true);
    }

    public SandboxConfig withUseCgroups(boolean use) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, use, minFreeDiskBytes,
                bwrap, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withCpus(double count) {
        return new SandboxConfig(identity, cacheDir, cgroupName, count, useCgroups, minFreeDiskBytes,
                bwrap, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withCacheDir(Path dir) {
        return new SandboxConfig(identity, dir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                bwrap, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withIdentity(SandboxIdentity id) {
        return new SandboxConfig(id, cacheDir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                bwrap, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withMinFreeDiskBytes(long bytes) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, useCgroups, bytes,
                bwrap, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withBwrap(Path binary) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                binary, cc, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withCc(String compiler) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                bwrap, compiler, stripDebugInfo, poolNetworkNamespaces);
    }

    public SandboxConfig withStripDebugInfo(boolean strip) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                bwrap, cc, strip, poolNetworkNamespaces);
    }

    public SandboxConfig withPoolNetworkNamespaces(boolean pool) {
        return new SandboxConfig(identity, cacheDir, cgroupName, cpus, useCgroups, minFreeDiskBytes,
                bwrap, cc, stripDebugInfo, pool);
    }

    static Path findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/usr/local/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return Path.of("/usr/bin", program);
    }
}
