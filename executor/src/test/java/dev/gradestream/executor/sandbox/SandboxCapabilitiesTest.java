package dev.gradestream.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxCapabilitiesTest {

    @Test
    void reportsWhatThisMachineOffersInOneLine() {
        SandboxCapabilities capabilities = SandboxTestSupport.sandbox().capabilities();
        System.out.println(capabilities.summary());
        assertThat(capabilities.usable()).isTrue();
        assertThat(capabilities.summary()).startsWith("sandbox: bwrap 0.").contains("user namespaces ok", "seccomp ok")
                .doesNotContain("\n");
        if (capabilities.limitsByCgroup()) {
            assertThat(capabilities.cgroups()).containsAnyOf("cgroup v1 (memory, pids, cpuacct", "cgroup v2 (memory, pids");
        }
    }

    @Test
    void refusesToBeCreatedWithoutBubblewrapAndSaysWhatToInstall() {
        SandboxTestSupport.sandbox();
        SandboxConfig noBwrap = SandboxConfig.defaults().withBwrap(Path.of("/nonexistent/bwrap"));
        assertThatThrownBy(() -> Sandbox.create(noBwrap)).isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("apt-get install bubblewrap");
    }

    @Test
    void refusesToBeCreatedWithoutACompilerForItsHelpers(@org.junit.jupiter.api.io.TempDir Path cache) {
        SandboxTestSupport.sandbox();
        SandboxConfig noCc = SandboxConfig.defaults().withCacheDir(cache.resolve("c")).withCc("/nonexistent/cc");
        assertThatThrownBy(() -> Sandbox.create(noCc)).isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("install gcc");
    }
}
