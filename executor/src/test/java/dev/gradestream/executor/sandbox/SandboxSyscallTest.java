package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.run;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The seccomp filter and the dropped privileges, tried from inside. */
class SandboxSyscallTest extends HostileSandboxTest {
    private static final int SIGSYS = 31;


    @Test
    void dangerousSystemCallsAreRefusedWithEperm() throws Exception {
        compile(job, "syscalls", """
                #define _GNU_SOURCE
                #include <errno.h>
                #include <sched.h>
                #include <signal.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/mount.h>
                #include <sys/ptrace.h>
                #include <sys/syscall.h>
                #include <sys/wait.h>
                #include <unistd.h>
                #include <linux/sched.h>
                static void report(const char *name, long rc) {
                    printf("%s=%s\\n", name, rc < 0 ? strerrorname_np(errno) : "allowed");
                    fflush(stdout);
                }
                static long forked(long rc) {
                    if (rc == 0) _exit(0); /* a child that should never have been created */
                    if (rc > 0) waitpid(rc, NULL, 0);
                    return rc;
                }
                int main(void) {
                    report("ptrace_traceme", ptrace(PTRACE_TRACEME, 0, 0, 0));
                    report("unshare_user", unshare(CLONE_NEWUSER));
                    report("unshare_net", unshare(CLONE_NEWNET));
                    report("unshare_mount", unshare(CLONE_NEWNS));
                    report("clone_newpid", forked(syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0)));
                    report("clone_newuser", forked(syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0)));
                    struct clone_args args = {.exit_signal = SIGCHLD};
                    report("clone3", forked(syscall(SYS_clone3, &args, sizeof args)));
                    report("setns", syscall(SYS_setns, 0, 0));
                    report("mount", mount("none", "/tmp", "tmpfs", 0, NULL));
                    report("umount", umount2("/tmp", MNT_DETACH));
                    report("pivot_root", syscall(SYS_pivot_root, "/tmp", "/tmp"));
                    report("chroot", chroot("/tmp"));
                    report("keyctl", syscall(SYS_keyctl, 0, -3, 0));
                    report("add_key", syscall(SYS_add_key, "user", "gs", "x", 1, -3));
                    report("request_key", syscall(SYS_request_key, "user", "gs", NULL, -3));
                    report("bpf", syscall(SYS_bpf, 0, NULL, 0));
                    report("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
                    report("userfaultfd", syscall(SYS_userfaultfd, 0));
                    report("io_uring_setup", syscall(SYS_io_uring_setup, 1, NULL));
                    report("process_vm_readv", syscall(SYS_process_vm_readv, getppid(), NULL, 0, NULL, 0, 0));
                    report("process_vm_writev", syscall(SYS_process_vm_writev, getppid(), NULL, 0, NULL, 0, 0));
                    report("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
                    report("init_module", syscall(SYS_init_module, NULL, 0, ""));
                    report("finit_module", syscall(SYS_finit_module, -1, "", 0));
                    report("reboot", syscall(SYS_reboot, 0, 0, 0, NULL));
                    report("swapon", syscall(SYS_swapon, "/tmp/x", 0));
                    report("open_by_handle_at", syscall(SYS_open_by_handle_at, -1, NULL, 0));
                    report("fork", forked(fork()));
                    report("thread_clone", 0); /* glibc's threads go through clone without CLONE_NEW* flags */
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./syscalls"));
        assertThat(result.verdict()).as(result.summary() + result.stderr()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.stdout().lines()).containsExactly("ptrace_traceme=EPERM", "unshare_user=EPERM",
                "unshare_net=EPERM", "unshare_mount=EPERM", "clone_newpid=EPERM", "clone_newuser=EPERM",
                "clone3=ENOSYS", "setns=EPERM", "mount=EPERM", "umount=EPERM", "pivot_root=EPERM", "chroot=EPERM",
                "keyctl=EPERM", "add_key=EPERM", "request_key=EPERM", "bpf=EPERM", "perf_event_open=EPERM",
                "userfaultfd=EPERM", "io_uring_setup=EPERM", "process_vm_readv=EPERM", "process_vm_writev=EPERM",
                "kexec_load=EPERM", "init_module=EPERM", "finit_module=EPERM", "reboot=EPERM", "swapon=EPERM",
                "open_by_handle_at=EPERM", "fork=allowed", "thread_clone=allowed");
    }

    @Test
    void threadsWorkDespiteTheCloneFilter() throws Exception {
        compile(job, "threads", """
                #include <pthread.h>
                #include <stdio.h>
                static void *work(void *arg) { return arg; }
                int main(void) {
                    pthread_t threads[8];
                    for (long i = 0; i < 8; i++) pthread_create(&threads[i], NULL, work, (void *) i);
                    long sum = 0;
                    for (int i = 0; i < 8; i++) { void *r; pthread_join(threads[i], &r); sum += (long) r; }
                    printf("%ld\\n", sum);
                    return 0;
                }
                """, "-pthread");
        assertThat(run(spec(job, "./threads")).stdout()).isEqualTo("28\n");
    }

    @Test
    void the32BitSystemCallGateKillsTheProcess() throws Exception {
        compile(job, "int80", """
                #include <stdio.h>
                int main(void) {
                    puts("before"); fflush(stdout);
                    long rc = 20; /* getpid on i386 */
                    __asm__ volatile ("int $0x80" : "+a"(rc) : : "memory");
                    printf("after %ld\\n", rc);
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./int80"));
        assertThat(result.stdout()).isEqualTo("before\n");
        assertThat(result.signal()).as(result.summary()).isEqualTo(SIGSYS);
    }

    @Test
    void x32SystemCallsKillTheProcess() throws Exception {
        compile(job, "x32", """
                #include <stdio.h>
                #include <unistd.h>
                #include <sys/syscall.h>
                int main(void) {
                    puts("before"); fflush(stdout);
                    long rc = syscall(0x40000000L | SYS_getpid);
                    printf("after %ld\\n", rc);
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./x32"));
        assertThat(result.stdout()).isEqualTo("before\n");
        assertThat(result.signal()).as(result.summary()).isEqualTo(SIGSYS);
    }

    @Test
    void theSandboxRunsWithoutPrivilegesAndUnderTheFilter() throws Exception {
        SandboxResult result = run(spec(job, "grep", "-E", "^(CapEff|CapBnd|NoNewPrivs|Seccomp):", "/proc/self/status"));
        assertThat(result.stdout().lines()).containsExactly("CapEff:\t0000000000000000", "CapBnd:\t0000000000000000",
                "NoNewPrivs:\t1", "Seccomp:\t2");
    }

    @Test
    void theInitCannotBeInspectedOrSignalledFromInside() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c",
                "ls /proc/1/fd >/dev/null 2>&1 && echo fd-visible; cat /proc/1/environ >/dev/null 2>&1 && echo env-visible;"
                        + " kill -9 1 2>/dev/null; echo alive"));
        assertThat(result.stdout()).isEqualTo("alive\n");
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.exitCode()).isZero();
    }
}
