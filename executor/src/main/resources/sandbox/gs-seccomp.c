/*
 * gs-seccomp: writes the sandbox's seccomp BPF program to the file named by argv[1] (or to stdout), for
 * `bwrap --seccomp FD`. It runs once on the host when the helpers are built; the program is then reused.
 *
 * A blocklist, not an allowlist: gcc, ld, Valgrind and test programs use a wide and shifting set of
 * system calls, and the namespaces already fence most of the kernel off. What is blocked is what
 * namespaces do not contain (AF_VSOCK, keyrings, io_uring's own attack surface, kernel modules, ...)
 * or what would let a job reach the sandbox's own machinery (ptrace, new namespaces, mounts).
 *
 * Build: gcc -O2 -o gs-seccomp gs-seccomp.c -lseccomp   (Debian: libseccomp-dev)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif

/* Refused with EPERM. Names that are not system calls on this architecture are skipped. */
static const char *const denied[] = {
    /* Inspecting or steering other processes. */
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    /* The mount table and namespaces belong to bwrap. */
    "mount", "umount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen",
    "fsconfig", "fsmount", "fspick", "mount_setattr", "unshare", "setns",
    /* Kernel keyrings are not namespaced. */
    "keyctl", "add_key", "request_key",
    /* Large kernel attack surface that no student program needs. */
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "fanotify_init", "open_by_handle_at", "name_to_handle_at", "lookup_dcookie", "modify_ldt",
    "iopl", "ioperm", "vm86", "vm86old", "uselib", "ustat", "sysfs", "_sysctl", "nfsservctl",
    /* The machine itself. */
    "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "init_module", "finit_module",
    "delete_module", "create_module", "query_module", "get_kernel_syms", "acct", "quotactl",
    "quotactl_fd", "syslog", "vhangup", "settimeofday", "stime", "clock_settime", "clock_adjtime",
    "adjtimex", "sethostname", "setdomainname",
};

/* Each flag that creates a namespace; clone(2) is refused when any of them is set. CLONE_NEWTIME
 * shares its bit with the exit signal in clone(2), so it only matters for clone3 and unshare. */
static const unsigned long namespace_flags[] = {
    CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

static void check(int rc, const char *what) {
    if (rc < 0) {
        fprintf(stderr, "gs-seccomp: %s: %s\n", what, strerror(-rc));
        exit(1);
    }
}

int main(int argc, char **argv) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL) {
        fputs("gs-seccomp: seccomp_init failed\n", stderr);
        return 1;
    }
    /* Only the native ABI: x32 and i386 (int 0x80) calls would be checked against other numbers. */
    check(seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS), "badarch");

    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        int nr = seccomp_syscall_resolve_name(denied[i]);
        if (nr < 0) {
            continue; /* not a system call of this architecture (libseccomp gives a pseudo number) */
        }
        check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0), denied[i]);
    }

    /* glibc tries clone3 first and falls back to clone on ENOSYS; clone3 hides its flags in memory
     * that a filter cannot read, so it has to go entirely. */
    check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");
    for (size_t i = 0; i < sizeof namespace_flags / sizeof namespace_flags[0]; i++) {
        unsigned long flag = namespace_flags[i];
        check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                               SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)), "clone");
    }

    /* Sockets: only AF_UNIX. The network namespace has no interfaces, but AF_VSOCK (and a few other
     * families) are not namespaced at all and would reach the host. */
    check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
                           SCMP_A0(SCMP_CMP_NE, AF_UNIX)), "socket");
    check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socketpair), 1,
                           SCMP_A0(SCMP_CMP_NE, AF_UNIX)), "socketpair");

    int fd = STDOUT_FILENO;
    if (argc > 1) {
        fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            perror("gs-seccomp: open");
            return 1;
        }
    }
    check(seccomp_export_bpf(ctx, fd), "export");
    if (getenv("GS_SECCOMP_PFC") != NULL) {
        seccomp_export_pfc(ctx, STDERR_FILENO);
    }
    seccomp_release(ctx);
    return close(fd) == 0 ? 0 : 1;
}
