package dev.gradestream.executor.sandbox;

/** This machine cannot sandbox untrusted code; the message says what to install or allow. */
public final class SandboxUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient SandboxCapabilities capabilities;

    public SandboxUnavailableException(SandboxCapabilities capabilities) {
        super("no sandbox for untrusted code: " + String.join("; ", capabilities.problems()) + " [" + capabilities.summary()
                + "]");
        this.capabilities = capabilities;
    }

    public SandboxCapabilities capabilities() {
        return capabilities;
    }
}
