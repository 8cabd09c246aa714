package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symbols-only /usr/lib/debug: how the copy is made and reused, and what a sandboxed command sees
 * with the switch on and off (real bwrap, as root). That verdicts stay the same is the corpus's job:
 * {@code SandboxedGradingCasesTest} and {@code DebugInfoVerdictsTest}.
 */
class DebugInfoMirrorTest {
    private static final Path LIBC = Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6");

    @TempDir
    Path cache;
    @TempDir
    Path job;

    @Test
    void elfFilesLoseTheirDwarfButKeepTheirSymbolsAndEverythingElseIsCopied() throws Exception {
        Path source = Files.createDirectories(cache.resolve("host/.build-id/ab"));
        compileDebugObject(source.resolve("cdef.debug"));
        Files.writeString(source.resolve("notes.txt"), "not an ELF file\n");
        Files.createSymbolicLink(source.resolve("link.debug"), Path.of("cdef.debug"));
        Path host = cache.resolve("host");
        Path root = Files.createDirectories(cache.resolve("root"));
        assertThat(sections(source.resolve("cdef.debug"))).contains(".debug_info", ".symtab");

        Path mirror = DebugInfoMirror.prepare(root, host, "objcopy").orElseThrow();

        Path copy = mirror.resolve(".build-id/ab/cdef.debug");
        assertThat(sections(copy)).contains(".symtab").doesNotContain(".debug_info", ".debug_line");
        assertThat(symbols(copy)).contains("answer");
        assertThat(mirror.resolve(".build-id/ab/notes.txt")).hasContent("not an ELF file");
        assertThat(Files.readSymbolicLink(mirror.resolve(".build-id/ab/link.debug"))).isEqualTo(Path.of("cdef.debug"));
        // Readable by the sandbox user.
        assertThat(Files.getAttribute(mirror, "unix:mode")).isEqualTo(040755);
        assertThat(Files.getAttribute(copy, "unix:mode")).isEqualTo(0100644);
        assertThat(leftovers(root)).isEmpty();
    }

    @Test
    void theMirrorIsReusedUntilTheHostFilesChange() throws Exception {
        Path host = Files.createDirectories(cache.resolve("host/.build-id/ab"));
        compileDebugObject(host.resolve("cdef.debug"));
        Path root = Files.createDirectories(cache.resolve("root"));
        Path first = DebugInfoMirror.prepare(root, cache.resolve("host"), "objcopy").orElseThrow();
        FileTime built = Files.getLastModifiedTime(first.resolve(".build-id/ab/cdef.debug"));

        assertThat(DebugInfoMirror.prepare(root, cache.resolve("host"), "objcopy")).contains(first);
        assertThat(Files.getLastModifiedTime(first.resolve(".build-id/ab/cdef.debug"))).isEqualTo(built);

        // A package upgrade rewrites the file: a new mirror, the old one left to services still using it.
        Files.setLastModifiedTime(host.resolve("cdef.debug"), FileTime.fromMillis(built.toMillis() - 60_000));
        Path second = DebugInfoMirror.prepare(root, cache.resolve("host"), "objcopy").orElseThrow();
        assertThat(second).isNotEqualTo(first).isDirectory();
        assertThat(first).isDirectory();
    }

    @Test
    void withoutObjcopyOrDebugFilesNothingIsBound() throws Exception {
        Path host = Files.createDirectories(cache.resolve("host/.build-id/ab"));
        compileDebugObject(host.resolve("cdef.debug"));
        Path root = Files.createDirectories(cache.resolve("root"));

        assertThat(DebugInfoMirror.prepare(root, cache.resolve("host"), "/nonexistent/objcopy")).isEmpty();
        assertThat(DebugInfoMirror.prepare(root, cache.resolve("missing"), "objcopy")).isEmpty();
        assertThat(leftovers(root)).isEmpty();
        try (Stream<Path> entries = Files.list(root)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void insideTheSandboxLibcsDebugFileHasSymbolsButNoDwarfUnlessSwitchedOff() throws Exception {
        assumeTrue(SandboxIdentity.currentUid() == 0, "the sandbox tests run as root");
        Path debugFile = Path.of("/usr/lib/debug/.build-id", buildId(LIBC).substring(0, 2),
                buildId(LIBC).substring(2) + ".debug");
        assumeTrue(Files.isRegularFile(debugFile), "libc6-dbg is not installed");
        assertThat(sections(debugFile)).contains(".debug_info", ".symtab");

        SandboxResult stripped = inSandbox(SandboxConfig.defaults(), "readelf", "-S", "-W", debugFile.toString());
        assertThat(stripped.stdout()).contains(".symtab", ".note.gnu.build-id").doesNotContain(".debug_info");

        SandboxResult full = inSandbox(SandboxConfig.defaults().withStripDebugInfo(false), "sha256sum",
                debugFile.toString());
        assertThat(full.stdout()).startsWith(sha256(debugFile) + " ");
    }

    private SandboxResult inSandbox(SandboxConfig config, String... command) throws InterruptedException {
        SandboxResult result = Sandbox.create(config)
                .run(SandboxSpec.builder(List.of(command), job).wallClock(Duration.ofSeconds(20)).build());
        assertThat(result.succeeded()).as(result.summary() + result.stderr()).isTrue();
        return result;
    }

    /** The GNU build-id note of an ELF file, as readelf prints it. */
    private static String buildId(Path elf) throws Exception {
        Matcher id = Pattern.compile("Build ID: ([0-9a-f]+)").matcher(host("readelf", "-n", elf.toString()));
        assertThat(id.find()).as("build-id of %s", elf).isTrue();
        return id.group(1);
    }

    private static String sections(Path elf) throws Exception {
        return host("readelf", "-S", "-W", elf.toString());
    }

    private static String symbols(Path elf) throws Exception {
        return host("readelf", "-s", "-W", elf.toString());
    }

    /** An object with DWARF and a symbol table, standing in for a debug file. */
    private static void compileDebugObject(Path target) throws Exception {
        Path source = target.resolveSibling("answer.c");
        Files.writeString(source, "int answer(void) { return 42; }\n");
        host("gcc", "-g", "-c", "-o", target.toString(), source.toString());
        Files.delete(source);
    }

    private static String host(String... command) throws Exception {
        HostCommand.Result result = HostCommand.run(List.of(command), null, 60_000);
        assertThat(result.ok()).as("%s: %s", List.of(command), result.output()).isTrue();
        return result.output();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".debug-")).toList();
        }
    }
}
