package dev.gradestream.executor.sandbox;

import java.util.List;

/**
 * What isolation this machine offers, as found by actually trying it.
 *
 * @param bwrapVersion   "0.8.0", or null when bwrap is missing
 * @param helpers        the C helpers compiled and the seccomp filter generated
 * @param userNamespaces a probe sandbox (user, pid, net namespaces, seccomp) started as the sandbox user
 * @param cgroups        how launches are limited, e.g. "cgroup v1 (memory, pids, ...)" or "no cgroups (...)"
 * @param limitsByCgroup false when only rlimits bound a launch
 * @param problems       what is missing for a sandbox at all, each with what to install or allow; empty
 *                       when the sandbox can run
 */
public record SandboxCapabilities(String bwrapVersion, boolean helpers, boolean userNamespaces, String cgroups,
        boolean limitsByCgroup, List<String> problems) {

    public SandboxCapabilities {
        problems = List.copyOf(problems);
    }

    /** Whether untrusted code can be run: bwrap, namespaces, seccomp and the helpers all work. */
    public boolean usable() {
        return problems.isEmpty();
    }

    /** How a launch is bounded here, in words, for the health check and the start-up log. */
    public String enforcement() {
        if (limitsByCgroup) {
            return "per launch by cgroup: memory (OOM kill), processes (pids), total CPU time; plus RLIMIT_FSIZE,"
                    + " RLIMIT_NOFILE, the wall clock and the output cap";
        }
        return "rlimits only: memory by RLIMIT_AS, processes by RLIMIT_NPROC (counts every process of the sandbox"
                + " uid), CPU by RLIMIT_CPU per process; plus RLIMIT_FSIZE, RLIMIT_NOFILE, the wall clock and the"
                + " output cap. A memory or process limit shows as the program's failure, not as memory_limit";
    }

    /** One line for the start-up log. */
    public String summary() {
        String base = "sandbox: bwrap " + (bwrapVersion == null ? "missing" : bwrapVersion)
                + ", user namespaces " + (userNamespaces ? "ok" : "unusable")
                + ", seccomp " + (helpers ? "ok" : "unavailable") + ", " + cgroups;
        return usable() ? base : base + " -- UNUSABLE: " + String.join("; ", problems);
    }
}
