package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sandbox's /etc, generated once per start into {@code <cache>/etc-<hash>/} and bound read-only as a
 * whole: passwd, group and hosts naming only the sandbox user (the host's files list its users), plus
 * copies of the few host files that hold no secrets and that the toolchain reads: the dynamic loader's
 * cache and configuration, Debian's alternatives (cc, c99, ... are links through /etc/alternatives) and
 * the time zone. One bind instead of one per file saves a millisecond per launch; a copy is refreshed at
 * every start, so a package upgrade is seen after a restart.
 */
final class SandboxEtc {
    private static final List<String> HOST_ENTRIES = List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d",
            "alternatives", "localtime");

    private SandboxEtc() {
    }

    /** Builds the directory (or finds the identical one built before) and returns it. */
    static Path generate(Path cacheRoot, SandboxIdentity identity) throws IOException {
        Path build = Files.createTempDirectory(cacheRoot, ".etc-");
        try {
            write(build.resolve("passwd"), "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                    + "sandbox:x:" + identity.uid() + ":" + identity.gid() + ":sandbox:/tmp:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
            write(build.resolve("group"), "root:x:0:\nsandbox:x:" + identity.gid() + ":\nnogroup:x:65534:\n");
            write(build.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
            write(build.resolve("hostname"), "sandbox\n");
            for (String name : HOST_ENTRIES) {
                copy(Path.of("/etc", name), build.resolve(name));
            }
            makePublic(build);
            Path dir = cacheRoot.resolve("etc-" + fingerprint(build));
            if (!Files.isDirectory(dir)) {
                try {
                    Files.move(build, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    // another service made the same one meanwhile
                }
            }
            return dir;
        } finally {
            if (Files.exists(build)) {
                deleteTree(build);
            }
        }
    }

    static List<String> arguments(Path generated) {
        return List.of("--ro-bind", generated.toString(), "/etc");
    }

    /** Files, directories of files, and symbolic links (copied as links, never followed). */
    private static void copy(Path source, Path target) throws IOException {
        if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
        } else if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
            try (Stream<Path> children = Files.list(source)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    copy(child, target.resolve(child.getFileName().toString()));
                }
            }
        } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(source, target);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void makePublic(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setAttribute(path, "unix:mode", Files.isDirectory(path) ? 0755 : 0644);
                }
            }
        }
    }

    /** Over names, contents and link targets, in a stable order. */
    private static String fingerprint(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path path : (Iterable<Path>) all.sorted()::iterator) {
                digest.update(root.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(path)) {
                    digest.update(Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(path)) {
                    digest.update(Files.readAllBytes(path));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
