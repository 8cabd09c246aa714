/*
 * GradeStream test harness runtime: the main() linked with a submission when it is graded by tests.
 *
 * The generated part of the submission (see HarnessSource.java) defines gs_tests[] and gs_test_count;
 * each gs_tests[i] holds test i+1's line of `assert(...);` with `assert` redefined to call gs_check().
 *
 * Every test runs in its own fork()ed child, in its own process group, so that a crash, exit() or hang
 * in one test cannot decide another, and the whole tree a test started can be killed at once. The
 * child's stdout and stderr go to out.<n> and err.<n> in the working directory, capped by
 * RLIMIT_FSIZE. The parent reports facts, not judgements, one line per event on its own stdout,
 * which the grader reads while the run goes on:
 *
 *   S <n> <pid>                                            test n started in process pid
 *   A <n> <line> <file>\t<function>\t<assertion>           test n failed a libc assert() in the user's code
 *   E <n> <type>\t<what>                                    test n let a C++ exception escape (std::terminate)
 *   T <n> <pid> exit|signal|timeout <value> <ms> <returned> <evaluated> <false> <overflow>
 *   X <message>                                            the harness itself failed
 *
 * The harness keeps no heap memory of its own, so Valgrind findings are the submission's.
 *
 * The harness is a child subreaper: what a test leaves running outside its process group (a child that
 * called setsid()) is re-parented to the harness, not to init, and is killed when the test ends.
 *
 * Usage: prog <per-test-ms> <output-limit-bytes> <file-size-limit-bytes> [<skip,list>]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern void (*const gs_tests[])(void);
extern const int gs_test_count;

/* In a test's child: where records for the parent go, and what the test's assertions did. */
static int gs_result_fd = -1;
static int gs_evaluated;
static int gs_false;

/* In a test's child: reports how the test's assertions went and ends the test as if it had returned. */
static void gs_end_test(void)
{
    fflush(NULL);
    char record[64];
    int length = snprintf(record, sizeof record, "R %d %d %d\n", getpid(), gs_evaluated, gs_false);
    ssize_t ignored = write(gs_result_fd, record, (size_t) length);
    (void) ignored;
    /* _exit: the test's atexit handlers and the rest of the program must not run in this child. */
    _exit(0);
}

/*
 * Called by the tests' own assert(). A false assertion ends the test there, as C's assert() and a unit
 * test's assertion do: what follows on the line often depends on it (assert(p != NULL); assert(p->x == 1);)
 * and would only crash, turning a plain failure into a misleading SIGSEGV.
 */
void gs_check(int ok)
{
    gs_evaluated++;
    if (!ok) {
        gs_false++;
        if (gs_result_fd >= 0) {
            gs_end_test();
        }
    }
}

/* Records never contain tabs or newlines of their own: they separate fields and records. */
static void gs_clean(char *s)
{
    for (; *s; s++) {
        if (*s == '\t' || *s == '\n' || *s == '\r') {
            *s = ' ';
        }
    }
}

/*
 * Replaces glibc's __assert_fail, which assert() in the user's own code calls. It keeps libc's
 * behaviour (message on stderr, then abort() and SIGABRT) and also tells the parent where it happened,
 * so the verdict can name the assertion without reading text a program could have forged on stderr.
 */
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function)
{
    char record[1024];
    char fields[3][400];
    snprintf(fields[0], sizeof fields[0], "%.200s", file);
    snprintf(fields[1], sizeof fields[1], "%.200s", function);
    snprintf(fields[2], sizeof fields[2], "%s", assertion);
    for (int i = 0; i < 3; i++) {
        gs_clean(fields[i]);
    }
    int length = snprintf(record, sizeof record, "A %d %u %s\t%s\t%s\n", getpid(), line, fields[0], fields[1],
            fields[2]);
    if (gs_result_fd >= 0 && length > 0) {
        ssize_t ignored = write(gs_result_fd, record, (size_t) length < sizeof record ? (size_t) length : sizeof record - 1);
        (void) ignored;
    }
    dprintf(2, "%s:%u: %s: Assertion `%s' failed.\n", file, line, function, assertion);
    abort();
}

/*
 * Called from the C++ terminate handler the generated unit installs (HarnessSource.java) when an exception
 * escapes a test; then aborts, as std::terminate would. what is null for an exception that is not a
 * std::exception.
 */
void gs_exception(const char *type, const char *what)
{
    char record[1024];
    char fields[2][400];
    snprintf(fields[0], sizeof fields[0], "%.200s", type);
    snprintf(fields[1], sizeof fields[1], "%.300s", what == NULL ? "" : what);
    for (int i = 0; i < 2; i++) {
        gs_clean(fields[i]);
    }
    int length = snprintf(record, sizeof record, "E %d %s\t%s\n", getpid(), fields[0], fields[1]);
    if (gs_result_fd >= 0 && length > 0) {
        ssize_t ignored = write(gs_result_fd, record, (size_t) length < sizeof record ? (size_t) length : sizeof record - 1);
        (void) ignored;
    }
    dprintf(2, "terminate called after throwing an instance of '%s'\n", fields[0]);
    if (what != NULL) {
        dprintf(2, "  what():  %s\n", fields[1]);
    }
    abort();
}

static long gs_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

static int gs_skipped(const char *list, int n)
{
    if (list == NULL) {
        return 0;
    }
    for (const char *p = list; *p;) {
        char *end;
        long value = strtol(p, &end, 10);
        if (end == p) {
            return 0;
        }
        if (value == n) {
            return 1;
        }
        p = *end == ',' ? end + 1 : end;
    }
    return 0;
}

static long gs_file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long) st.st_size : 0;
}

static void gs_fail(const char *what)
{
    dprintf(1, "X %s: %s\n", what, strerror(errno));
    exit(2);
}

/* The child's side: isolate, redirect, run the test, report that it returned. Never returns. */
static void gs_child(int n, pid_t parent, int out, int err, int in, int result_fd, const sigset_t *mask,
        rlim_t fsize)
{
    /* If the harness is killed (the run's clock ran out), the test must not outlive it unsupervised. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
        _exit(127);
    }
    setpgid(0, 0);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &dfl, NULL);
    sigprocmask(SIG_SETMASK, mask, NULL);
    struct rlimit limit = { fsize, fsize };
    setrlimit(RLIMIT_FSIZE, &limit);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    close(in);
    close(out);
    close(err);
    gs_result_fd = result_fd;

    gs_tests[n - 1]();
    gs_end_test();
}

/* Waits for the child until the deadline, with SIGCHLD blocked so the wait can time out. */
static int gs_wait(pid_t pid, const sigset_t *chld, long deadline, int *status)
{
    for (;;) {
        pid_t done = waitpid(pid, status, WNOHANG);
        if (done == pid) {
            return 0;
        }
        long remaining = deadline - gs_now_ms();
        if (remaining <= 0) {
            killpg(pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, status, 0);
            return 1;
        }
        struct timespec wait = { remaining / 1000, (remaining % 1000) * 1000000L };
        sigtimedwait(chld, NULL, &wait);
    }
}

/* Reads what the child recorded; only records from the child itself count, not from its own forks. */
static void gs_read_records(int n, pid_t pid, int fd, int *returned, int *evaluated, int *failed)
{
    char buffer[4096];
    ssize_t total = 0;
    ssize_t got;
    while (total < (ssize_t) sizeof buffer - 1
            && (got = read(fd, buffer + total, sizeof buffer - 1 - total)) > 0) {
        total += got;
    }
    buffer[total] = '\0';
    for (char *line = buffer, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next == NULL) {
            break; /* a record cut short: ignore it */
        }
        *next++ = '\0';
        int record_pid, a, b;
        unsigned int assert_line;
        int skip = 0;
        if (sscanf(line, "R %d %d %d", &record_pid, &a, &b) == 3 && record_pid == pid) {
            *returned = 1;
            *evaluated = a;
            *failed = b;
        } else if (sscanf(line, "A %d %u %n", &record_pid, &assert_line, &skip) == 2 && record_pid == pid && skip > 0) {
            dprintf(1, "A %d %u %s\n", n, assert_line, line + skip);
        } else if (sscanf(line, "E %d %n", &record_pid, &skip) == 1 && record_pid == pid && skip > 0) {
            dprintf(1, "E %d %s\n", n, line + skip);
        }
    }
}

/* The parent of a process, from /proc/<pid>/stat ("pid (comm) state ppid ..."); 0 when unknown. */
static pid_t gs_parent_of(long pid)
{
    char path[64];
    char stat[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    ssize_t got = read(fd, stat, sizeof stat - 1);
    close(fd);
    if (got <= 0) {
        return 0;
    }
    stat[got] = '\0';
    char *comm_end = strrchr(stat, ')'); /* the command name may itself hold spaces and parentheses */
    int parent = 0;
    if (comm_end == NULL || sscanf(comm_end + 1, " %*c %d", &parent) != 1) {
        return 0;
    }
    return (pid_t) parent;
}

/*
 * Kills what a test left running outside its process group, which killpg() cannot reach: a child that
 * called setsid() or setpgid() would otherwise outlive the test and the whole grading, spinning forever.
 * As a subreaper, the harness inherits such orphans; between tests it has no children of its own, so
 * every child it still has is a leftover. Cheap when nothing escaped: waitid() says there is no child.
 */
static void gs_kill_leftovers(void)
{
    for (int round = 0; round < 16; round++) {
        while (waitpid(-1, NULL, WNOHANG) > 0) {
        }
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            return; /* ECHILD: nothing left */
        }
        DIR *proc = opendir("/proc");
        if (proc == NULL) {
            return;
        }
        pid_t killed[256];
        int count = 0;
        struct dirent *entry;
        while (count < (int) (sizeof killed / sizeof killed[0]) && (entry = readdir(proc)) != NULL) {
            char *end;
            long pid = strtol(entry->d_name, &end, 10);
            if (*end == '\0' && pid > 0 && gs_parent_of(pid) == getpid() && kill((pid_t) pid, SIGKILL) == 0) {
                killed[count++] = (pid_t) pid;
            }
        }
        closedir(proc);
        if (count == 0) {
            return; /* children that /proc does not show (no /proc here): nothing more can be done */
        }
        /* Their own children are re-parented to the harness as they die: the next round takes them. */
        for (int i = 0; i < count; i++) {
            waitpid(killed[i], NULL, 0);
        }
    }
}

static void gs_run_test(int n, long per_test_ms, long output_limit, rlim_t fsize, const sigset_t *chld,
        const sigset_t *mask)
{
    char out_path[32];
    char err_path[32];
    snprintf(out_path, sizeof out_path, "out.%d", n);
    snprintf(err_path, sizeof err_path, "err.%d", n);
    int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int in = open(access("stdin", R_OK) == 0 ? "stdin" : "/dev/null", O_RDONLY | O_CLOEXEC);
    int result[2];
    if (out < 0 || err < 0 || in < 0) {
        gs_fail("cannot open the test's files");
    }
    if (pipe2(result, O_CLOEXEC) != 0) {
        gs_fail("cannot create a pipe");
    }
    long started = gs_now_ms();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        gs_fail("cannot fork");
    }
    if (pid == 0) {
        close(result[0]);
        gs_child(n, parent, out, err, in, result[1], mask, fsize);
    }
    /* Also set here: the parent may kill the group before the child got to setpgid itself. */
    setpgid(pid, pid);
    close(result[1]);
    close(out);
    close(err);
    close(in);
    dprintf(1, "S %d %d\n", n, (int) pid);

    int status = 0;
    int timed_out = gs_wait(pid, chld, started + per_test_ms, &status);
    long elapsed = gs_now_ms() - started;
    killpg(pid, SIGKILL); /* whatever the test left running */
    gs_kill_leftovers();

    fcntl(result[0], F_SETFL, O_NONBLOCK); /* a leftover fork may still hold the write end */
    int returned = 0, evaluated = 0, failed = 0;
    gs_read_records(n, pid, result[0], &returned, &evaluated, &failed);
    close(result[0]);

    int overflow = gs_file_size(out_path) > output_limit || gs_file_size(err_path) > output_limit;
    const char *how = timed_out ? "timeout" : WIFSIGNALED(status) ? "signal" : "exit";
    int value = timed_out ? 0 : WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
    dprintf(1, "T %d %d %s %d %ld %d %d %d %d\n", n, (int) pid, how, value, elapsed, returned, evaluated, failed,
            overflow);
}

static void gs_on_child(int sig)
{
    (void) sig;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        dprintf(1, "X usage: %s per-test-ms output-limit file-size-limit [skip]\n", argv[0]);
        return 2;
    }
    long per_test_ms = atol(argv[1]);
    long output_limit = atol(argv[2]);
    rlim_t fsize = (rlim_t) atoll(argv[3]);
    const char *skip = argc > 4 ? argv[4] : NULL;

    /*
     * SIGCHLD stays blocked in the parent and is taken with sigtimedwait(), so the per-test clock is
     * the parent's alone: nothing a test does with alarm() or signal() in its own process can stop it.
     * A handler (instead of SIG_DFL, whose action is to ignore) keeps the signal from being discarded.
     */
    sigset_t chld, mask;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &mask);
    struct sigaction on_child;
    memset(&on_child, 0, sizeof on_child);
    on_child.sa_handler = gs_on_child;
    sigaction(SIGCHLD, &on_child, NULL);
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    for (int n = 1; n <= gs_test_count; n++) {
        if (!gs_skipped(skip, n)) {
            gs_run_test(n, per_test_ms, output_limit, fsize, &chld, &mask);
        }
    }
    return 0;
}
