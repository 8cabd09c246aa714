package dev.gradestream.executor.sandbox;

import java.util.List;

/** Fixed names shared by the launcher command, the bwrap command and the C helpers. */
final class SandboxLayout {
    /** Where the sandbox's init is bound inside; a reserved directory no job directory may use. */
    static final String INIT_DIR = "/.sandbox";
    static final String INIT = INIT_DIR + "/init";

    /** Descriptors the launcher opens as root and bwrap or the init consume. */
    static final int SECCOMP_FD = 3;
    static final int JOB_DIR_FD = 4;
    static final int STATUS_FD = 5;

    /** The whole environment of a sandboxed command: nothing of the service's leaks in. */
    static final List<String> ENVIRONMENT = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp",
            "LANG=C.UTF-8");

    private SandboxLayout() {
    }
}
