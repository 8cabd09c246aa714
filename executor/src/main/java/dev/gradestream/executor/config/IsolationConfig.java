package dev.gradestream.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code gradestream.sandbox=bwrap|none}, as DESIGN §5 names it (outside gradestream.executor on purpose). */
@ConfigMapping(prefix = "gradestream")
public interface IsolationConfig {
    @WithName("sandbox")
    @WithDefault("bwrap")
    SandboxMode sandbox();
}
