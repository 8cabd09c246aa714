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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The C helpers (resources under /sandbox/), compiled with the host's C compiler on first use into
 * {@code <cache>/<hash of the sources>/}, together with the seccomp program gs-seccomp generates. Later
 * starts, of this service or another on the machine, reuse them; a changed source gets a new directory.
 *
 * <p>The launcher runs as root, so the cache must not be writable by anyone else: it is created 0755 and
 * refused when someone else owns it or can write to it.
 *
 * @param launcher      gs-launch, run as root by the service
 * @param init          gs-init, process 1 inside every sandbox
 * @param seccompFilter the BPF program for {@code bwrap --seccomp}
 */
record NativeHelpers(Path dir, Path launcher, Path init, Path seccompFilter) {
    private static final List<String> SOURCES = List.of("gs-launch.c", "gs-init.c", "gs-seccomp.c");
    private static final Set<PosixFilePermission> PUBLIC_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final long COMPILE_TIMEOUT_MS = 60_000;

    static NativeHelpers prepare(Path cacheRoot, String cc) throws IOException {
        List<byte[]> sources = new ArrayList<>();
        for (String name : SOURCES) {
            sources.add(resource(name));
        }
        secureDirectory(cacheRoot);
        Path dir = cacheRoot.resolve(fingerprint(sources, cc));
        NativeHelpers helpers = in(dir);
        if (helpers.complete()) {
            return helpers;
        }
        Path build = Files.createTempDirectory(cacheRoot, ".build-");
        try {
            for (int i = 0; i < SOURCES.size(); i++) {
                Files.write(build.resolve(SOURCES.get(i)), sources.get(i));
            }
            compile(build, cc, "gs-launch", List.of(), true);
            compile(build, cc, "gs-init", List.of(), true);
            compile(build, cc, "gs-seccomp", List.of("-lseccomp"), false);
            HostCommand.Result filter = HostCommand.run(List.of(build.resolve("gs-seccomp").toString(),
                    build.resolve("seccomp.bpf").toString()), build, COMPILE_TIMEOUT_MS);
            if (!filter.ok()) {
                throw new IOException("gs-seccomp could not generate the filter: " + filter.output());
            }
            Files.setPosixFilePermissions(build, PUBLIC_DIR);
            try {
                Files.move(build, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another service built the same helpers meanwhile: use theirs.
            }
        } finally {
            deleteTree(build);
        }
        helpers = in(dir);
        if (!helpers.complete()) {
            throw new IOException("the sandbox helpers are incomplete in " + dir);
        }
        return helpers;
    }

    private static NativeHelpers in(Path dir) {
        return new NativeHelpers(dir, dir.resolve("gs-launch"), dir.resolve("gs-init"), dir.resolve("seccomp.bpf"));
    }

    private boolean complete() {
        return Files.isExecutable(launcher) && Files.isExecutable(init) && Files.isRegularFile(seccompFilter);
    }

    /** Static when the C library allows it: no dynamic loader work on every launch. */
    private static void compile(Path build, String cc, String name, List<String> libraries, boolean tryStatic)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(cc, "-O2", "-Wall", "-o", name, name + ".c"));
        command.addAll(libraries);
        HostCommand.Result result = null;
        if (tryStatic) {
            List<String> staticCommand = new ArrayList<>(command);
            staticCommand.add(1, "-static");
            result = HostCommand.run(staticCommand, build, COMPILE_TIMEOUT_MS);
        }
        if (result == null || !result.ok()) {
            result = HostCommand.run(command, build, COMPILE_TIMEOUT_MS);
        }
        if (!result.ok()) {
            String hint = name.equals("gs-seccomp") ? " (is libseccomp-dev installed?)" : "";
            throw new IOException("cannot compile the sandbox helper " + name + " with " + cc + hint + ": "
                    + result.output());
        }
    }

    private static void secureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PUBLIC_DIR);
        }
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (owner != SandboxIdentity.currentUid() || (mode & 0022) != 0) {
            throw new IOException("the sandbox helper cache " + dir + " must belong to uid "
                    + SandboxIdentity.currentUid() + " and not be writable by others (mode "
                    + Integer.toOctalString(mode & 0777) + ", owner " + owner + ")");
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NativeHelpers.class.getResourceAsStream("/sandbox/" + name)) {
            if (in == null) {
                throw new IOException("resource /sandbox/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static String fingerprint(List<byte[]> sources, String cc) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            sources.forEach(digest::update);
            digest.update(cc.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }
}
