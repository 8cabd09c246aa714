package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bwrap command line of one launch: what the sandboxed command sees of the machine. */
final class BwrapArguments {
    /** Top-level links of a merged-/usr system (or directories, on an older layout). */
    private static final List<String> USR_ALIASES = List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32");

    private BwrapArguments() {
    }

    /**
     * {@code debugInfo}: a {@link DebugInfoMirror} to show as /usr/lib/debug, or null for the host's.
     * {@code pooledNetwork}: the launcher enters an empty network namespace of the pool, so bwrap makes none.
     */
    static List<String> build(Path bwrap, SandboxSpec spec, Path generatedEtc, Path init, Path debugInfo,
            boolean pooledNetwork) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--unshare-user", "--unshare-pid"));
        if (!pooledNetwork) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox",
                // Our init is process 1 (it reports the real wait status); bwrap's own would hide it.
                "--as-pid-1", "--die-with-parent", "--new-session", "--disable-userns", "--cap-drop", "ALL",
                // /usr includes /usr/lib/debug, which Valgrind needs (its symbols at least).
                "--ro-bind", "/usr", "/usr"));
        if (debugInfo != null) {
            args.addAll(List.of("--ro-bind", debugInfo.toString(), DebugInfoMirror.HOST_DEBUG.toString()));
        }
        args.addAll(usrAliases());
        args.addAll(SandboxEtc.arguments(generatedEtc));
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(spec.limits().tmpBytes()), "--tmpfs", "/tmp",
                // Opened by the launcher as root: no path lookup by the sandbox user, no race on the path.
                "--bind-fd", Integer.toString(SandboxLayout.JOB_DIR_FD), spec.jobDir().toString()));
        for (BindMount bind : spec.readOnlyBinds()) {
            args.addAll(List.of("--ro-bind", bind.source().toString(), bind.target().toString()));
        }
        args.addAll(List.of("--ro-bind", init.toString(), SandboxLayout.INIT));
        // The root tmpfs (and /etc in it) would otherwise be writable.
        args.addAll(List.of("--remount-ro", "/", "--clearenv"));
        for (String variable : SandboxLayout.ENVIRONMENT) {
            int equals = variable.indexOf('=');
            args.addAll(List.of("--setenv", variable.substring(0, equals), variable.substring(equals + 1)));
        }
        args.addAll(List.of("--seccomp", Integer.toString(SandboxLayout.SECCOMP_FD),
                "--chdir", spec.workDir().toString(), "--",
                SandboxLayout.INIT, Integer.toString(SandboxLayout.STATUS_FD)));
        args.addAll(spec.command());
        return args;
    }

    /** /bin, /lib, ... as the host has them: links into /usr, or read-only directories. */
    static List<String> usrAliases() {
        List<String> args = new ArrayList<>();
        for (String alias : USR_ALIASES) {
            Path host = Path.of("/", alias);
            if (Files.isSymbolicLink(host)) {
                args.addAll(List.of("--symlink", readLink(host), host.toString()));
            } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        return args;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
