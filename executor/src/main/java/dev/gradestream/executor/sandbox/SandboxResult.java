package dev.gradestream.executor.sandbox;

/**
 * What one sandboxed launch did, as measured by the sandbox (the equivalent of isolate's meta file).
 *
 * @param launchId        names the launch's cgroups and appears in logs
 * @param verdict         why it ended; see {@link SandboxVerdict}
 * @param message         for {@link SandboxVerdict#SANDBOX_ERROR}, what went wrong; otherwise null
 * @param exitCode        the command's exit status, or 128 + signal when a signal ended it
 * @param signal          the signal that ended the command, 0 when it exited by itself
 * @param cpuMs           CPU time of all its processes together (from the cgroup); -1 without cgroups
 * @param wallMs          wall-clock time from launch to the end of the whole tree
 * @param peakMemoryBytes the memory cgroup's high-water mark; -1 without cgroups
 * @param stdout          what was kept of stdout (at most the cap), decoded as UTF-8
 * @param stderr          what was kept of stderr (at most the cap), decoded as UTF-8
 */
public record SandboxResult(String launchId, SandboxVerdict verdict, String message, int exitCode, int signal,
        long cpuMs, long wallMs, long peakMemoryBytes, String stdout, String stderr) {

    /** Ended by itself, within the limits, with exit status 0. */
    public boolean succeeded() {
        return verdict == SandboxVerdict.OK && exitCode == 0 && signal == 0;
    }

    /** One line for logs: "OK exit=0 cpu=3ms wall=9ms mem=1.2MiB". */
    public String summary() {
        return verdict + (message == null ? "" : " (" + message + ")") + " exit=" + exitCode
                + (signal == 0 ? "" : " signal=" + signal) + " cpu=" + cpuMs + "ms wall=" + wallMs + "ms mem="
                + (peakMemoryBytes < 0 ? "?" : String.format("%.1fMiB", peakMemoryBytes / 1048576.0));
    }
}
