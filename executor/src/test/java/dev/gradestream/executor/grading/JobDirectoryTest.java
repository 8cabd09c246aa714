package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDirectoryTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    @Test
    void aJobDirectoryIsNamedAfterTheServicesPidAndTheAttempt() throws IOException {
        Path dir = JobDirectory.create(root, "0190a1b2-attempt");

        assertThat(dir.getFileName().toString()).isEqualTo(JobDirectory.owner(ProcessHandle.current()) + "-0190a1b2-attempt")
                .isEqualTo(JobDirectory.nameFor("0190a1b2-attempt"));
        assertThat(JobDirectory.create(root, "0190a1b2-attempt").getFileName().toString())
                .startsWith(dir.getFileName() + "-").isNotEqualTo(dir.getFileName().toString());
        assertThat(JobDirectory.create(root, "../../etc").getFileName().toString())
                .matches("p" + ProcessHandle.current().pid() + "\\.\\d+-[0-9a-f-]{36}");
    }

    @Test
    void onlyTheDirectoriesOfServicesThatAreGoneAreSwept() throws Exception {
        long gone = pidOfAFinishedProcess();
        Path secret = Files.writeString(outside.resolve("secret"), "keep me");
        Path orphan = Files.createDirectories(root.resolve("p" + gone + ".1780000000-attempt-a/sub"));
        Files.writeString(orphan.resolve("main.c"), "int f(void);");
        Files.createSymbolicLink(orphan.resolve("link"), secret);
        Path ours = JobDirectory.create(root, "attempt-b");
        Path init = Files.createDirectory(root.resolve(JobDirectory.owner(ProcessHandle.of(1).orElseThrow()) + "-attempt-c"));
        // Our own pid, but another start time: a service before us that had the same pid (a restarted container).
        Path samePidBefore = Files.createDirectory(root.resolve("p" + ProcessHandle.current().pid() + ".1-attempt-d"));
        Path harness = Files.createDirectory(root.resolve("harness"));
        Path orphanFile = Files.writeString(root.resolve("p" + gone + ".1780000000-a-file"), "not a directory");

        assertThat(JobDirectory.sweepOrphans(root)).isEqualTo(2);

        assertThat(root.resolve("p" + gone + ".1780000000-attempt-a")).doesNotExist();
        assertThat(samePidBefore).doesNotExist();
        assertThat(ours).isDirectory();
        assertThat(init).isDirectory();
        assertThat(harness).isDirectory();
        assertThat(orphanFile).exists();
        assertThat(secret).hasContent("keep me"); // links are removed, never followed
        assertThat(JobDirectory.sweepOrphans(root.resolve("missing"))).isZero();
    }

    private static long pidOfAFinishedProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }
}
