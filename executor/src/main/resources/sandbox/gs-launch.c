/*
 * gs-launch: the first process of every sandboxed launch, started by the JVM (as root). Java's
 * ProcessBuilder cannot run code between fork and exec, and everything here has to happen in that gap:
 *
 *   gs-launch [--open N:MODE:PATH]... [--status-fd N] [--join CGROUP_PROCS_FILE]...
 *             [--netns PID:COOKIE] [--rlimit NAME=SOFT:HARD]... --uid UID --gid GID -- PROGRAM [ARG...]
 *   gs-launch --hold-netns COOKIE
 *
 * It forks. The child, still root:
 *  1. opens files onto fixed descriptors that bwrap then uses or passes on (the seccomp program, the job
 *     directory for --bind-fd, the status file): MODE r = read, w = create/truncate, d = O_PATH
 *     directory; none of them follows a final symlink, and no path is looked up as the sandbox user;
 *  2. enters the launch's cgroups by writing its own pid, so that everything it becomes is counted and
 *     limited from its first instruction; with --netns, enters the network namespace held by that
 *     holder (below) instead of bwrap creating one;
 *  3. sets resource limits (inherited by bwrap and the job);
 *  4. drops to the sandbox uid/gid with no supplementary groups, and sets no_new_privs: bwrap run by
 *     root with --unshare-user would map the sandbox user to the host's root;
 *  5. execs PROGRAM (bwrap) with an EMPTY environment: bwrap's environment would otherwise be readable
 *     by the job through /proc, and the service's environment holds secrets.
 *
 * The parent stays outside the cgroups as a child subreaper: when the tree is killed at once (cgroup.kill)
 * bwrap may die before the sandbox's init, whose zombie would then go to the host's init, which may
 * never reap it. The parent reaps everything, and exits only when nothing of the launch is left, with
 * bwrap's status; on SIGTERM it SIGKILLs bwrap (bwrap --die-with-parent takes the sandbox down with it).
 * It dies with the JVM (PR_SET_PDEATHSIG), and the chain of parent-death signals follows.
 *
 * --hold-netns: creates an empty network namespace, says "ready" on stdout, and keeps it alive until its
 * stdin reaches EOF (the JVM closes it, or dies). Creating a network namespace per launch is a quarter of
 * bwrap's CPU, and tearing it down is more work for the kernel afterwards; the service keeps a pool of
 * these, each used by one launch at a time (NetworkNamespaces.java). The cookie is in the holder's
 * command line, which --netns checks through the same /proc/PID directory it opens the namespace from:
 * a recycled pid cannot slip another namespace in.
 *
 * A failure in the child prints "gs-launch: ..." and exits 125, after writing "launch-error ..." to the
 * status descriptor when it is open. Build: gcc -O2 -static -o gs-launch gs-launch.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ITEMS 16
#define FAILED 125

struct opened { int target; int temporary; };
struct limit { int resource; rlim_t soft; rlim_t hard; };

static int status_fd = -1;
static volatile pid_t child = 0;

static void fail(const char *format, ...) {
    char message[600];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "gs-launch: %s\n", message);
    if (status_fd >= 0) {
        dprintf(status_fd, "launch-error %s\n", message);
    }
    exit(FAILED);
}

static long number(const char *text, const char *what) {
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 0) {
        fail("bad %s: '%s'", what, text);
    }
    return value;
}

static rlim_t limit_value(const char *text) {
    return strcmp(text, "inf") == 0 ? RLIM_INFINITY : (rlim_t) number(text, "rlimit value");
}

static int resource_named(const char *name) {
    static const struct { const char *name; int resource; } known[] = {
        {"cpu", RLIMIT_CPU}, {"fsize", RLIMIT_FSIZE}, {"nofile", RLIMIT_NOFILE}, {"core", RLIMIT_CORE},
        {"as", RLIMIT_AS}, {"nproc", RLIMIT_NPROC}, {"stack", RLIMIT_STACK},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(known[i].name, name) == 0) {
            return known[i].resource;
        }
    }
    fail("unknown rlimit '%s'", name);
    return -1;
}

/* "N:MODE:PATH" -> a descriptor above every target, moved into place once all are open. */
static struct opened open_spec(char *spec) {
    char *mode = strchr(spec, ':');
    char *path = mode == NULL ? NULL : strchr(mode + 1, ':');
    if (path == NULL) {
        fail("bad --open '%s'", spec);
    }
    *mode++ = '\0';
    *path++ = '\0';
    int flags;
    switch (*mode) {
        case 'r': flags = O_RDONLY; break;
        case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
        case 'd': flags = O_PATH | O_DIRECTORY; break;
        default: fail("bad --open mode '%s'", mode); return (struct opened) {0, 0};
    }
    int fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail("cannot open %s: %s", path, strerror(errno));
    }
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 200);
    if (moved < 0) {
        fail("cannot move descriptor of %s: %s", path, strerror(errno));
    }
    close(fd);
    return (struct opened) {(int) number(spec, "descriptor"), moved};
}

static void join(const char *procs) {
    int fd = open(procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || dprintf(fd, "%d\n", (int) getpid()) < 0 || close(fd) != 0) {
        fail("cannot join cgroup %s: %s", procs, strerror(errno));
    }
}

/* "PID:COOKIE": the network namespace of that --hold-netns holder, and no other process's. */
static void enter_netns(char *spec) {
    char *colon = strchr(spec, ':');
    if (colon == NULL || colon == spec || colon[1] == '\0') {
        fail("bad --netns '%s'", spec);
    }
    *colon = '\0';
    const char *cookie = colon + 1;
    char dir_path[64];
    snprintf(dir_path, sizeof dir_path, "/proc/%ld", number(spec, "holder pid"));
    int dir = open(dir_path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        fail("network namespace holder %s is gone: %s", spec, strerror(errno));
    }
    /* The cmdline is "gs-launch\0--hold-netns\0COOKIE\0"; read through the directory that pins the task. */
    char cmdline[512] = {0};
    int fd = openat(dir, "cmdline", O_RDONLY | O_CLOEXEC);
    ssize_t length = fd < 0 ? -1 : read(fd, cmdline, sizeof cmdline - 1);
    if (fd >= 0) {
        close(fd);
    }
    const char *args[3] = {NULL, NULL, NULL};
    for (ssize_t at = 0, n = 0; at < length && n < 3; at += (ssize_t) strlen(cmdline + at) + 1) {
        args[n++] = cmdline + at;
    }
    if (args[2] == NULL || strcmp(args[1], "--hold-netns") != 0 || strcmp(args[2], cookie) != 0) {
        fail("process %s is not the network namespace holder it should be", spec);
    }
    int ns = openat(dir, "ns/net", O_RDONLY | O_CLOEXEC);
    if (ns < 0 || setns(ns, CLONE_NEWNET) != 0) {
        fail("cannot enter the network namespace of %s: %s", spec, strerror(errno));
    }
    close(ns);
    close(dir);
}

static int hold_netns(void) {
    if (unshare(CLONE_NEWNET) != 0) {
        fprintf(stderr, "gs-launch: cannot create a network namespace: %s\n", strerror(errno));
        return FAILED;
    }
    if (write(STDOUT_FILENO, "ready\n", 6) != 6) {
        return FAILED;
    }
    char buffer[64];
    for (;;) {
        ssize_t got = read(STDIN_FILENO, buffer, sizeof buffer);
        if (got == 0 || (got < 0 && errno != EINTR)) {
            return 0;
        }
    }
}

static void close_inherited(void) {
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) {
        return;
    }
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = 3; fd < (max > 0 ? max : 1024); fd++) {
        close((int) fd);
    }
}

static void on_terminate(int signal_number) {
    (void) signal_number;
    if (child > 0) {
        kill(child, SIGKILL);
    }
}

/* Waits until no child is left; returns bwrap's status the way a shell would. */
static int reap_all(void) {
    int result = FAILED;
    for (;;) {
        int status;
        pid_t done = waitpid(-1, &status, 0);
        if (done < 0) {
            if (errno == EINTR) {
                continue;
            }
            return result; /* ECHILD: the whole launch is gone */
        }
        if (done == child) {
            result = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
        }
    }
}

int main(int argc, char **argv) {
    close_inherited();
    if (argc == 3 && strcmp(argv[1], "--hold-netns") == 0) {
        return hold_netns();
    }
    umask(022);
    struct opened opened[MAX_ITEMS];
    struct limit limits[MAX_ITEMS];
    const char *joins[MAX_ITEMS];
    char *netns = NULL;
    int n_opened = 0, n_limits = 0, n_joins = 0, wanted_status = -1;
    long uid = -1, gid = -1;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        const char *option = argv[i];
        char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (value == NULL) {
            fail("%s needs a value", option);
        }
        if (strcmp(option, "--open") == 0 && n_opened < MAX_ITEMS) {
            opened[n_opened++] = open_spec(value);
        } else if (strcmp(option, "--status-fd") == 0) {
            wanted_status = (int) number(value, "status descriptor");
        } else if (strcmp(option, "--join") == 0 && n_joins < MAX_ITEMS) {
            joins[n_joins++] = value;
        } else if (strcmp(option, "--netns") == 0 && netns == NULL) {
            netns = value;
        } else if (strcmp(option, "--rlimit") == 0 && n_limits < MAX_ITEMS) {
            char *equals = strchr(value, '='), *colon = equals ? strchr(equals, ':') : NULL;
            if (colon == NULL) {
                fail("bad --rlimit '%s'", value);
            }
            *equals = '\0';
            *colon = '\0';
            limits[n_limits++] = (struct limit) {resource_named(value), limit_value(equals + 1),
                                                 limit_value(colon + 1)};
        } else if (strcmp(option, "--uid") == 0) {
            uid = number(value, "uid");
        } else if (strcmp(option, "--gid") == 0) {
            gid = number(value, "gid");
        } else {
            fail("unknown or repeated option %s", option);
        }
    }
    if (i + 1 >= argc || uid <= 0 || gid <= 0) {
        fail("usage: gs-launch [options] --uid UID --gid GID -- PROGRAM [ARG...] (uid and gid not 0)");
    }
    pid_t jvm = getppid();
    sigset_t terminate, previous;
    sigemptyset(&terminate);
    sigaddset(&terminate, SIGTERM);
    sigaddset(&terminate, SIGINT);
    sigprocmask(SIG_BLOCK, &terminate, &previous);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != jvm) {
        fail("cannot become a subreaper tied to its parent: %s", strerror(errno));
    }
    child = fork();
    if (child < 0) {
        fail("fork: %s", strerror(errno));
    }
    if (child > 0) {
        struct sigaction action = {0};
        action.sa_handler = on_terminate;
        sigaction(SIGTERM, &action, NULL);
        sigaction(SIGINT, &action, NULL);
        sigprocmask(SIG_SETMASK, &previous, NULL);
        for (int k = 0; k < n_opened; k++) {
            close(opened[k].temporary);
        }
        /* Only the sandbox reads stdin: a writer must see EPIPE as soon as the sandbox is gone. */
        int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null_fd >= 0) {
            dup2(null_fd, STDIN_FILENO);
            close(null_fd);
        }
        return reap_all();
    }
    sigprocmask(SIG_SETMASK, &previous, NULL);
    prctl(PR_SET_CHILD_SUBREAPER, 0);
    for (int k = 0; k < n_opened; k++) {
        if (opened[k].target < 3 || dup2(opened[k].temporary, opened[k].target) < 0) {
            fail("cannot place descriptor %d: %s", opened[k].target, strerror(errno));
        }
        close(opened[k].temporary);
    }
    status_fd = wanted_status;
    for (int k = 0; k < n_joins; k++) {
        join(joins[k]);
    }
    if (netns != NULL) {
        enter_netns(netns);
    }
    for (int k = 0; k < n_limits; k++) {
        struct rlimit value = {limits[k].soft, limits[k].hard};
        if (setrlimit(limits[k].resource, &value) != 0) {
            fail("setrlimit %d: %s", limits[k].resource, strerror(errno));
        }
    }
    gid_t group = (gid_t) gid;
    if (getuid() != 0) {
        /* A service that is not root can only sandbox as itself. */
        if ((uid_t) uid != getuid() || group != getgid()) {
            fail("not root: the sandbox can only run as uid %d gid %d", (int) getuid(), (int) getgid());
        }
    } else if (setgroups(0, NULL) != 0 || setresgid(group, group, group) != 0
               || setresuid((uid_t) uid, (uid_t) uid, (uid_t) uid) != 0) {
        fail("cannot drop to uid %ld gid %ld: %s", uid, gid, strerror(errno));
    }
    /* Paranoia: a kernel or LSM that silently kept a privilege must not get a sandbox. */
    if (getuid() != (uid_t) uid || geteuid() != (uid_t) uid || getegid() != group || setuid(0) == 0) {
        fail("uid/gid did not change as asked");
    }
    /* Changing credentials cleared the parent-death signal: bwrap must still die with the launcher. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        fail("no_new_privs / pdeathsig: %s", strerror(errno));
    }
    char *empty_environment[] = {NULL};
    execve(argv[i + 1], argv + i + 1, empty_environment);
    fail("cannot execute %s: %s", argv[i + 1], strerror(errno));
    return FAILED;
}
