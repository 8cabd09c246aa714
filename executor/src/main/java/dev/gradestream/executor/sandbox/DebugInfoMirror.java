package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A symbols-only copy of the host's /usr/lib/debug, bound over the real one in every sandbox.
 *
 * <p>Why: at every start Valgrind reads the separate debug files of ld.so and libc (libc6-dbg), and
 * decompressing and parsing their DWARF is most of its start-up (about 65 ms of 220 ms for a trivial
 * program; 73 ms of CPU per grading in CheaperGradingBenchmarkTest). Grading keeps only frames in the
 * submission's own files, whose line tables come from the job's binary, and names the others (and
 * matches suppressions) by symbol, from {@code .symtab}, which {@code objcopy --strip-debug} keeps, as it
 * keeps the build-id note Valgrind finds the files by. Valgrind's mandatory ld.so redirections need those
 * symbols, so the files cannot just be left out.
 *
 * <p>Built once per content of /usr/lib/debug into {@code <cache>/debug-<hash>/} (the hash covers every
 * path, size, modification time and link target, so a package upgrade gets a new directory at the next
 * start), in a temporary directory renamed into place. When objcopy is missing or fails, the sandbox binds
 * nothing and Valgrind reads the full files: slower, same verdicts.
 */
final class DebugInfoMirror {
    static final Path HOST_DEBUG = Path.of("/usr/lib/debug");
    private static final Logger LOG = Logger.getLogger(DebugInfoMirror.class.getName());
    /** Bump when the way files are copied changes, so old mirrors are not reused. */
    private static final String FORMAT = "strip-debug 1";
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final long OBJCOPY_TIMEOUT_MS = 60_000;

    private DebugInfoMirror() {
    }

    /** The mirror of {@code source} (built now or found from before), or empty to bind nothing. */
    static Optional<Path> prepare(Path cacheRoot, Path source, String objcopy) {
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path build = null;
        try {
            Path dir = cacheRoot.resolve("debug-" + fingerprint(source, objcopy));
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
            long started = System.nanoTime();
            build = Files.createTempDirectory(cacheRoot, ".debug-");
            copyTree(source, build, objcopy);
            try {
                Files.move(build, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another service built the same mirror meanwhile: use theirs.
            }
            LOG.info("sandbox: symbols-only copy of " + source + " made in " + (System.nanoTime() - started) / 1_000_000
                    + " ms: " + dir);
            return Optional.of(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warning("sandbox: cannot make a symbols-only copy of " + source + " (" + e.getMessage()
                    + "); Valgrind reads the full debug info, which costs about 70 ms of CPU more per run");
            return Optional.empty();
        } finally {
            deleteQuietly(build);
        }
    }

    private static void copyTree(Path source, Path target, String objcopy) throws IOException {
        try (Stream<Path> all = Files.walk(source)) {
            for (Path path : (Iterable<Path>) all.sorted()::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(copy);
                    Files.setAttribute(copy, "unix:mode", 0755);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    if (isElf(path)) {
                        strip(objcopy, path, copy);
                    } else {
                        Files.copy(path, copy);
                    }
                    Files.setAttribute(copy, "unix:mode", 0644);
                }
            }
        }
    }

    private static void strip(String objcopy, Path from, Path to) throws IOException {
        HostCommand.Result result = HostCommand.run(List.of(objcopy, "--strip-debug", from.toString(), to.toString()),
                null, OBJCOPY_TIMEOUT_MS);
        if (!result.ok()) {
            throw new IOException(objcopy + " --strip-debug " + from + " failed: " + result.output());
        }
    }

    private static boolean isElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        }
    }

    /** Over the format, objcopy's name, and every entry's relative path, size, time and link target. */
    private static String fingerprint(Path source, String objcopy) throws IOException {
        try (Stream<Path> all = Files.walk(source)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((FORMAT + "\0" + objcopy + "\0").getBytes(StandardCharsets.UTF_8));
            for (Path path : (Iterable<Path>) all.sorted()::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String entry = source.relativize(path) + "\0" + attributes.size() + "\0"
                        + attributes.lastModifiedTime().toMillis() + "\0"
                        + (attributes.isSymbolicLink() ? Files.readSymbolicLink(path) : "") + "\0";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            SandboxEtc.deleteTree(root);
        } catch (IOException e) {
            LOG.fine("cannot delete " + root + ": " + e);
        }
    }
}
