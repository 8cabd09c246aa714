package dev.gradestream.executor.sandbox;

/**
 * Turns what was observed into a {@link SandboxResult}. Kernel counters come first: a tree killed at the
 * wall clock after its fork bomb hit the pids limit was stopped by the pids limit; a program that exits
 * with 137 was not killed by anyone.
 */
final class VerdictRules {
    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;

    private VerdictRules() {
    }

    static SandboxResult decide(String launchId, SandboxSpec spec, LaunchRun.Outcome outcome, CgroupCounters counters,
            ExitStatus status, boolean limitsByCgroup) {
        int signal = switch (status.kind()) {
            case SIGNALED -> status.value();
            case EXITED -> 0;
            default -> outcome.stopCause() != null || counters.oomKills() > 0 ? SIGKILL : 0;
        };
        int exitCode = switch (status.kind()) {
            case EXITED -> status.value();
            case SIGNALED -> 128 + status.value();
            default -> signal != 0 ? 128 + signal : outcome.bwrapExit();
        };
        String message = null;
        SandboxVerdict verdict;
        if (status.kind() == ExitStatus.Kind.EXEC_FAILED) {
            verdict = SandboxVerdict.SANDBOX_ERROR;
            message = "cannot execute " + spec.command().get(0) + ": " + status.text();
        } else if (status.kind() == ExitStatus.Kind.LAUNCH_FAILED || status.kind() == ExitStatus.Kind.INIT_FAILED) {
            verdict = SandboxVerdict.SANDBOX_ERROR;
            message = "the sandbox could not start: " + status.text();
        } else if (counters.oomKills() > 0) {
            verdict = SandboxVerdict.MEMORY_LIMIT;
        } else if (counters.pidsLimitHits() > 0) {
            verdict = SandboxVerdict.PIDS_LIMIT;
        } else if (outcome.stopCause() == StopCause.CPU_TIME
                || counters.cpuNanos() >= spec.cpuTime().toNanos()
                || !limitsByCgroup && signal == SIGXCPU) {
            verdict = SandboxVerdict.CPU_LIMIT;
        } else if (outcome.stopCause() == StopCause.DISK_FLOOR) {
            verdict = SandboxVerdict.FILE_SIZE_LIMIT;
            message = "the job directory's file system ran low on space: the job wrote too much";
        } else if (outcome.stopCause() == StopCause.OUTPUT) {
            verdict = SandboxVerdict.OUTPUT_LIMIT;
        } else if (outcome.stopCause() == StopCause.WALL_CLOCK) {
            verdict = SandboxVerdict.WALL_TIMEOUT;
        } else if (status.kind() == ExitStatus.Kind.SIGNALED && signal == SIGXFSZ) {
            verdict = SandboxVerdict.FILE_SIZE_LIMIT;
        } else if (status.kind() == ExitStatus.Kind.UNKNOWN && outcome.stopCause() == null) {
            // Neither init nor the launcher reported: bwrap itself failed before running anything.
            verdict = SandboxVerdict.SANDBOX_ERROR;
            message = "the sandbox could not start (exit " + outcome.bwrapExit() + "): " + firstLines(outcome.stderr());
        } else {
            verdict = SandboxVerdict.OK;
        }
        long cpuMs = counters.cpuNanos() < 0 ? -1 : counters.cpuNanos() / 1_000_000;
        return new SandboxResult(launchId, verdict, message, exitCode, signal, cpuMs, outcome.wallMs(),
                counters.peakMemoryBytes(), outcome.stdout(), outcome.stderr());
    }

    private static String firstLines(String text) {
        String trimmed = text.strip();
        return trimmed.length() > 500 ? trimmed.substring(0, 500) + "..." : trimmed;
    }
}
