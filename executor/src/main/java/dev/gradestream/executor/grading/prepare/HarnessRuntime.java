package dev.gradestream.executor.grading.prepare;

import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The compiled test harness (resources/harness/harness.c), built once per source and compiler and kept
 * under the work root, so a job only links it. It is always compiled as C, also for C++ submissions:
 * the generated unit declares its symbols {@code extern "C"}.
 */
public final class HarnessRuntime {
    private static final String RESOURCE = "/harness/harness.c";
    private static final Duration COMPILE_WALL_CLOCK = Duration.ofSeconds(60);

    private final Path cacheDir;
    private final String cc;
    private final ProcessRunner runner;
    private final byte[] source;
    private Path object;

    public HarnessRuntime(Path workRoot, String cc, ProcessRunner runner) {
        this.cacheDir = workRoot.resolve(".harness");
        this.cc = cc;
        this.runner = runner;
        this.source = readSource();
    }

    /** The harness object, compiling it on first use (and after someone cleaned the work root). */
    public synchronized Path object() throws IOException, InterruptedException {
        if (object != null && Files.isRegularFile(object)) {
            return object;
        }
        Files.createDirectories(cacheDir);
        Path target = cacheDir.resolve("harness-" + fingerprint() + ".o");
        if (!Files.isRegularFile(target)) {
            compile(target);
        }
        object = target;
        return target;
    }

    private void compile(Path target) throws IOException, InterruptedException {
        Path build = Files.createTempDirectory(cacheDir, "build-");
        try {
            Files.write(build.resolve("harness.c"), source);
            ProcessResult result = runner.run(ProcessSpec.of(
                    List.of(cc, "-std=gnu11", "-g", "-O2", "-Wall", "-Wextra", "-c", "harness.c", "-o", "harness.o"),
                    build, COMPILE_WALL_CLOCK, 1 << 20));
            if (!result.succeeded()) {
                throw new IllegalStateException("the test harness does not compile with " + cc + ": " + result.stderr());
            }
            // Atomic, so a concurrent engine on the same work root never links a half-written object.
            Files.move(build.resolve("harness.o"), target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.list(build)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(build);
        }
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(source);
            digest.update(cc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] readSource() {
        try (InputStream in = HarnessRuntime.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the executor jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
