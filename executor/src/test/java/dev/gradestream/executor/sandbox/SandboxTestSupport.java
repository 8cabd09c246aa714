package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Shared by the hostile tests: one real sandbox for the whole JVM, C programs compiled on the host, and
 * the checks that the host came out unharmed.
 */
final class SandboxTestSupport {
    private static Sandbox sandbox;
    private static String unavailable;

    private SandboxTestSupport() {
    }

    /** The real sandbox; tests are skipped (not failed) on a machine that cannot run one as root. */
    static synchronized Sandbox sandbox() {
        assumeTrue(SandboxIdentity.currentUid() == 0, "the hostile sandbox tests run as root");
        if (sandbox == null && unavailable == null) {
            try {
                sandbox = Sandbox.create();
            } catch (SandboxUnavailableException e) {
                unavailable = e.getMessage();
            }
        }
        assumeTrue(sandbox != null, () -> "no sandbox on this machine: " + unavailable);
        return sandbox;
    }

    static SandboxSpec.Builder spec(Path jobDir, String... command) {
        return SandboxSpec.builder(List.of(command), jobDir).wallClock(Duration.ofSeconds(10));
    }

    static SandboxResult run(SandboxSpec.Builder spec) throws InterruptedException {
        SandboxResult result = sandbox().run(spec.build());
        System.out.println(result.launchId() + " " + spec.build().command() + ": " + result.summary());
        assertHostUnharmed(result);
        return result;
    }

    /** Writes {@code source} to the job directory and compiles it there with the host's gcc. */
    static Path compile(Path jobDir, String name, String source, String... extraFlags) throws IOException,
            InterruptedException {
        Path file = jobDir.resolve(name + ".c");
        Files.writeString(file, source);
        List<String> command = new ArrayList<>(List.of("gcc", "-O0", "-g", "-Werror=implicit-function-declaration", "-o", jobDir.resolve(name).toString(),
                file.toString()));
        command.addAll(List.of(extraFlags));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc: %s", output).isZero();
        return jobDir.resolve(name);
    }

    /** No process of the sandbox uid is alive, and the launch's cgroups are gone. */
    static void assertHostUnharmed(SandboxResult result) {
        assertThat(processesOf(sandbox().identity().uid())).as("processes of the sandbox uid after %s",
                result.launchId()).isEmpty();
        for (Path parent : sandbox().cgroupParents()) {
            assertThat(parent.resolve(result.launchId())).as("cgroup of %s", result.launchId()).doesNotExist();
        }
    }

    static List<String> processesOf(int uid) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    List<String> status = Files.readAllLines(entry.resolve("status"));
                    for (String line : status) {
                        if (line.startsWith("Uid:") && line.split("\\s+")[1].equals(Integer.toString(uid))) {
                            found.add(entry.getFileName() + " " + status.stream()
                                    .filter(l -> l.startsWith("Name:") || l.startsWith("State:") || l.startsWith("PPid:"))
                                    .map(l -> l.replaceAll("\\s+", " ")).toList());
                        }
                    }
                } catch (IOException vanished) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Every file on the host that belongs to the sandbox uid: none may exist once the job dirs are gone. */
    static List<String> filesOwnedBySandbox() throws IOException, InterruptedException {
        int uid = sandbox().identity().uid();
        Set<String> found = new TreeSet<>();
        for (String root : List.of("/", "/dev/shm", "/run", "/tmp", "/var/tmp")) {
            Process find = new ProcessBuilder("find", root, "-xdev", "-uid", Integer.toString(uid), "-print")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            find.waitFor();
            output.lines().filter(line -> !line.isBlank()).forEach(found::add);
        }
        return List.copyOf(found);
    }
}
