/**
 * One fresh sandbox per process launch, for untrusted student code and for the tools that handle it
 * (gcc, ld, Valgrind).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Sandbox sandbox = Sandbox.create();               // throws SandboxUnavailableException saying what is missing
 * log(sandbox.capabilities().summary());
 * ProcessRunner runner = new SandboxedProcessRunner(sandbox, SandboxLimits.defaults(),
 *         List.of(workRoot.resolve(".harness"))); // read-only inputs outside the job directory
 * SandboxResult measured = runner.runMeasured(spec, SandboxLimits.defaults().withMemoryBytes(64 << 20));
 * }</pre>
 *
 * <h2>One launch</h2>
 * <pre>
 * JVM (root)
 *  └─ gs-launch (root, outside the cgroups: child subreaper, reaps everything, dies with the JVM)
 *      └─ gs-launch child: opens fds, joins the cgroups, rlimits, drops to the sandbox uid, execs
 *          └─ bwrap (sandbox uid; user, pid, net, ipc, uts, mount, cgroup namespaces; seccomp)
 *              └─ gs-init = pid 1 (reports the exact wait status; its exit kills the namespace)
 *                  └─ the command
 * </pre>
 * The job directory is the only writable bind and is mounted at the SAME path inside (opened by the
 * launcher as root and bound with {@code --bind-fd}); the tree is handed to the sandbox user before
 * each launch. / is a read-only tmpfs with /usr read-only, over its /usr/lib/debug a read-only
 * symbols-only copy of the host's ({@code DebugInfoMirror}: DWARF
 * stripped so Valgrind starts faster, symbols kept; the host's own files when it is switched off or
 * objcopy fails), the merged-/usr links, a generated /etc (passwd/group/hosts with the "sandbox" user,
 * plus copies of ld.so.cache, ld.so.conf(.d), alternatives and localtime), a fresh /proc and /dev, and a
 * size-limited tmpfs /tmp.
 * The environment is exactly PATH, HOME=/tmp, LANG=C.UTF-8 (and bwrap's PWD).
 *
 * <h2>Limits and verdicts</h2>
 * Per launch, cgroups below the service's own: {@code <memory|pids|cpuacct|cpu>/<own>/gradestream/<id>}
 * on cgroup v1, plus {@code unified/gradestream/<id>} for {@code cgroup.kill} (the freezer when that is
 * missing); {@code <own v2>/gradestream/<id>} on a delegated v2 hierarchy. A watchdog polls every 10 ms
 * and kills the tree at once on an OOM kill, a refused fork, the total CPU time, the wall clock, the output
 * cap or the disk floor. Verdicts come from those counters, never from exit codes. Without writable
 * cgroups the sandbox runs on rlimits alone (RLIMIT_AS, RLIMIT_NPROC, per-process RLIMIT_CPU) and says so.
 *
 * <h2>Helpers</h2>
 * The C sources in {@code src/main/resources/sandbox/} are compiled with the host's gcc at the first
 * {@link dev.gradestream.executor.sandbox.Sandbox#create} into
 * {@code /var/cache/gradestream/sandbox/<hash of the sources>/} (as root; otherwise
 * {@code $java.io.tmpdir/gradestream-sandbox-<uid>/}): gs-launch and gs-init statically linked,
 * gs-seccomp linked with libseccomp and run once to write {@code seccomp.bpf}. About 0.5 s once per
 * machine and source version; later starts reuse them. The cache must belong to the service's user and
 * be writable by no one else (checked), because gs-launch runs as root. The symbols-only
 * /usr/lib/debug is made next to them, in {@code debug-<hash of the paths, sizes and times>/} (0.5-2 s
 * once per content of the host's /usr/lib/debug).
 *
 * <h2>Host requirements</h2>
 * Debian packages: {@code bubblewrap} (0.8+), {@code gcc} and {@code libc6-dev} (static helpers),
 * {@code libseccomp-dev} (to build gs-seccomp), and for grading itself {@code valgrind} and
 * {@code libc6-dbg}. Unprivileged user namespaces must be allowed. The service runs as root (to drop to
 * the sandbox uid and write cgroups); the sandbox uid is the system user {@code gradestream-sandbox} when
 * it exists, else uid/gid 60999.
 *
 * <h2>Tests</h2>
 * {@code ./mvnw -B -pl executor test -Dtest='*Sandbox*'} (as root; skipped otherwise). The benchmark is
 * excluded unless {@code -Dgradestream.benchmark=true}:
 * {@code ./mvnw -B -pl executor test -Dtest=SandboxBenchmarkTest -Dgradestream.benchmark=true}.
 */
package dev.gradestream.executor.sandbox;
