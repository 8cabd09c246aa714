package dev.gradestream.executor.grading.build;

import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What the engine knows about its compilers, asked once per compiler on the host (the sandbox sees the
 * same read-only /usr): who the compiler is, for cache keys, and whether it can use the configured linker.
 */
public final class Toolchain {
    private static final Logger LOG = Logger.getLogger(Toolchain.class.getName());
    private static final Duration PROBE_CLOCK = Duration.ofSeconds(20);

    private static final List<String> SYSTEM_FILES = List.of("/usr/include/stdio.h",
            "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6");

    private final ProcessRunner trustedRunner;
    private final String linker;
    private final Path probeDir;
    private final Map<String, Compiler> compilers = new ConcurrentHashMap<>();

    /**
     * A compiler as far as its output goes.
     *
     * @param identity version, resolved binary and its modification time: a changed compiler is a new key
     * @param linkFlags the flags that choose the linker; empty for the compiler's default
     */
    public record Compiler(String identity, List<String> linkFlags) {
    }

    public Toolchain(ProcessRunner trustedRunner, String linker, Path probeDir) {
        this.trustedRunner = trustedRunner;
        this.linker = linker;
        this.probeDir = probeDir;
    }

    public Compiler compiler(String command) throws IOException, InterruptedException {
        Compiler known = compilers.get(command);
        if (known != null) {
            return known;
        }
        Files.createDirectories(probeDir);
        Compiler probed = new Compiler(identity(command), linkFlags(command));
        compilers.putIfAbsent(command, probed);
        return compilers.get(command);
    }

    private String identity(String command) throws IOException, InterruptedException {
        ProcessResult version = run(List.of(command, "-dumpfullversion"));
        Optional<Path> binary = resolve(command);
        String file = binary.map(Path::toString).orElse(command);
        String modified = binary.isPresent() ? Long.toString(Files.getLastModifiedTime(binary.get()).toMillis()) : "?";
        return version.stdout().strip().replace('\n', ' ') + " " + file + "@" + modified + system();
    }

    /**
     * The system headers and libraries every build reads: an upgrade of libc or libstdc++ changes their
     * times, and with them every key. (Headers are many; these stand for their packages.)
     */
    private static String system() throws IOException {
        StringBuilder stamps = new StringBuilder();
        for (String file : SYSTEM_FILES) {
            Path path = Path.of(file);
            stamps.append(' ').append(file).append('@')
                    .append(Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0);
        }
        return stamps.toString();
    }

    /** Empty when no linker is configured or the compiler cannot link with it: then its default links. */
    private List<String> linkFlags(String command) throws IOException, InterruptedException {
        if (linker.isEmpty()) {
            return List.of();
        }
        List<String> flags = List.of("-fuse-ld=" + linker);
        ProcessResult probe = run(List.of(command, flags.get(0), "-Wl,--version"));
        if (probe.succeeded()) {
            return flags;
        }
        LOG.warning(command + " cannot link with " + linker + " (" + probe.stderr().strip()
                + "); using its default linker");
        return List.of();
    }

    private ProcessResult run(List<String> command) throws IOException, InterruptedException {
        return trustedRunner.run(ProcessSpec.of(command, probeDir, PROBE_CLOCK, 1 << 16));
    }

    /** The binary a command name runs, as a shell's PATH search would find it. */
    private static Optional<Path> resolve(String command) throws IOException {
        if (command.contains("/")) {
            return Optional.of(Path.of(command).toRealPath());
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toRealPath());
            }
        }
        return Optional.empty();
    }
}
