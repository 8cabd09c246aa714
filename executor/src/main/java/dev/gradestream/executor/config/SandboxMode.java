package dev.gradestream.executor.config;

/** How submitted code is isolated: {@code gradestream.sandbox}. */
public enum SandboxMode {
    /** bubblewrap + seccomp + per-launch cgroups; the executor refuses to start without them. */
    BWRAP,
    /** No isolation at all: for a developer's own machine only, and loudly logged. */
    NONE
}
