package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test that runs real programs in the sandbox shares: a fresh job directory per test, and
 * after the class, proof that nothing the sandbox user wrote survived anywhere on the host.
 */
abstract class HostileSandboxTest {

    @TempDir
    Path job;

    @AfterAll
    static void nothingOfTheSandboxUserIsLeftOnDisk() throws Exception {
        assertThat(SandboxTestSupport.filesOwnedBySandbox()).isEmpty();
    }
}
