package dev.gradestream.executor.grading;

import dev.gradestream.executor.sandbox.Sandbox;
import dev.gradestream.executor.sandbox.SandboxedProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The whole corpus again, every compile, run and Valgrind launch inside the real sandbox (bubblewrap,
 * seccomp, per-launch cgroups): the verdicts must be exactly the same as without it.
 */
class SandboxedGradingCasesTest extends GradingCasesTest {

    @Override
    ProcessRunner runner(Path workRoot) {
        try {
            // The sandbox user must be able to reach the job directories below it.
            Files.setPosixFilePermissions(workRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SandboxedProcessRunner(Sandbox.create());
    }
}
