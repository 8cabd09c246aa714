package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.run;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What grading needs to work inside: gcc, the linker, Valgrind, fork, streaming and stdin. */
class SandboxToolchainTest extends HostileSandboxTest {


    @Test
    void gccCompilesAndLinksInTheJobDirectory() throws Exception {
        Files.writeString(job.resolve("util.c"), "int twice(int x) { return 2 * x; }\n");
        Files.writeString(job.resolve("main.c"), """
                #include <stdio.h>
                int twice(int x);
                int main(void) { printf("%d\\n", twice(21)); return 0; }
                """);
        SandboxResult compile = run(spec(job, "gcc", "-g", "-O0", "-Wall", "-fdiagnostics-format=json", "-c", "util.c"));
        assertThat(compile.succeeded()).as(compile.summary() + compile.stderr()).isTrue();
        SandboxResult link = run(spec(job, "cc", "-o", "main", "main.c", "util.o"));
        assertThat(link.succeeded()).as(link.summary() + link.stderr()).isTrue();
        SandboxResult program = run(spec(job, "./main"));
        assertThat(program.stdout()).isEqualTo("42\n");
    }

    @Test
    void compilerDiagnosticsComeBackAsJson() throws Exception {
        Files.writeString(job.resolve("bad.c"), "int main(void) { return x; }\n");
        SandboxResult result = run(spec(job, "gcc", "-fdiagnostics-format=json", "-c", "bad.c"));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("[{").contains("\"kind\": \"error\"");
    }

    @Test
    void valgrindFindsALeakAndWritesItsXmlInTheJobDirectory() throws Exception {
        compile(job, "leak", """
                #include <stdlib.h>
                #include <unistd.h>
                int main(void) {
                    char *lost = malloc(64);
                    lost[0] = 1;
                    if (fork() == 0) return 0;
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "valgrind", "--xml=yes", "--xml-file=vg.%p.xml", "--leak-check=full",
                "--child-silent-after-fork=no", "./leak").wallClock(Duration.ofSeconds(30))
                .limits(SandboxLimits.defaults().forValgrind()));
        assertThat(result.verdict()).as(result.summary() + result.stderr()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.exitCode()).isZero();
        List<Path> reports;
        try (var files = Files.list(job)) {
            reports = files.filter(f -> f.getFileName().toString().matches("vg\\.\\d+\\.xml")).toList();
        }
        assertThat(reports).hasSize(2); // the program and its forked child
        String xml = String.join("\n", reports.stream().map(SandboxToolchainTest::read).toList());
        assertThat(xml).contains("<kind>Leak_DefinitelyLost</kind>").contains("leak.c");
    }

    @Test
    void forkAndWaitWorkInside() throws Exception {
        compile(job, "forks", """
                #include <stdio.h>
                #include <sys/wait.h>
                #include <unistd.h>
                int main(void) {
                    int sum = 0;
                    for (int i = 1; i <= 20; i++) {
                        pid_t child = fork();
                        if (child == 0) _exit(i);
                        int status;
                        waitpid(child, &status, 0);
                        sum += WEXITSTATUS(status);
                    }
                    printf("%d\\n", sum);
                    return 0;
                }
                """);
        assertThat(run(spec(job, "./forks")).stdout()).isEqualTo("210\n");
    }

    @Test
    void stdoutLinesReachTheListenerWhileTheProgramStillRuns() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        SandboxResult result = run(spec(job, "sh", "-c", "echo one; sleep 0.6; echo two; sleep 0.6; printf three")
                .stdoutLineListener(line -> {
                    lines.add(line);
                    arrivals.add((System.nanoTime() - started) / 1_000_000);
                }));
        assertThat(lines).containsExactly("one", "two", "three");
        assertThat(arrivals.get(0)).isLessThan(result.wallMs() - 900);
        assertThat(arrivals.get(1)).isLessThan(result.wallMs() - 300);
    }

    @Test
    void aFailingListenerStopsTheRunAndIsRethrown() {
        assertThatThrownBy(() -> SandboxTestSupport.sandbox().run(spec(job, "sh", "-c", "echo boom; sleep 30")
                .stdoutLineListener(line -> {
                    throw new IllegalStateException("listener gave up on " + line);
                }).build())).isInstanceOf(IllegalStateException.class).hasMessage("listener gave up on boom");
        assertThat(SandboxTestSupport.processesOf(SandboxTestSupport.sandbox().identity().uid())).isEmpty();
    }

    @Test
    void stdinIsFedThenClosed() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "cat; echo end")
                .stdin("line 1\nline 2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.stdout()).isEqualTo("line 1\nline 2\nend\n");
    }

    @Test
    void aWorkingDirectoryInsideTheJobIsHonoured() throws Exception {
        Files.createDirectories(job.resolve("sub"));
        SandboxResult result = run(spec(job, "pwd").workDir(job.resolve("sub")));
        assertThat(result.stdout()).isEqualTo(job.resolve("sub") + "\n");
    }

    @Test
    void aMissingCommandIsASandboxErrorSayingSo() throws Exception {
        SandboxResult result = run(spec(job, "no-such-command", "x"));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.SANDBOX_ERROR);
        assertThat(result.message()).isEqualTo("cannot execute no-such-command: No such file or directory");
    }

    @Test
    void aMissingJobDirectoryOrWorkingDirectoryIsASandboxError() throws Exception {
        SandboxResult noJob = run(spec(job.resolve("missing"), "true"));
        assertThat(noJob.verdict()).isEqualTo(SandboxVerdict.SANDBOX_ERROR);
        assertThat(noJob.message()).contains("missing");
        SandboxResult noWorkDir = run(spec(job, "true").workDir(job.resolve("nowhere")));
        assertThat(noWorkDir.verdict()).isEqualTo(SandboxVerdict.SANDBOX_ERROR);
        assertThat(noWorkDir.message()).contains("the sandbox could not start").contains("nowhere");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
