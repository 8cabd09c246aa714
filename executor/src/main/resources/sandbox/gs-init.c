/*
 * gs-init STATUS_FD COMMAND [ARG...]: process 1 of a sandbox (bwrap --as-pid-1).
 *
 * bwrap reports a child killed by signal s as exit status 128+s, so a program calling exit(137) would
 * look like one killed by SIGKILL. This init waits for the command itself and writes exactly how it
 * ended to STATUS_FD ("exit N", "signal S" or "exec-error ERRNO TEXT"), a file the launcher opened on
 * the host. It also reaps orphans, as process 1 must, and when the command ends it exits, which makes
 * the kernel kill whatever the command left behind in the namespace.
 *
 * It makes itself non-dumpable first: the job runs under the same uid and could otherwise open
 * /proc/1/fd/STATUS_FD and write a status of its choosing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int status_fd = -1;

static void report(const char *format, int a, const char *text) {
    char line[512];
    int length = snprintf(line, sizeof line, format, a, text);
    if (length > 0 && status_fd >= 0) {
        /* One write: the reader on the host never sees half a line. */
        (void) !write(status_fd, line, (size_t) length < sizeof line ? (size_t) length : sizeof line - 1);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: gs-init STATUS_FD COMMAND [ARG...]\n", stderr);
        return 125;
    }
    status_fd = atoi(argv[1]);
    if (prctl(PR_SET_DUMPABLE, 0) != 0 || fcntl(status_fd, F_SETFD, FD_CLOEXEC) != 0) {
        perror("gs-init: setup");
        return 125;
    }
    pid_t child = fork();
    if (child < 0) {
        report("error %d fork: %s\n", errno, strerror(errno));
        return 125;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        int failure = errno;
        report("exec-error %d %s\n", failure, strerror(failure));
        fprintf(stderr, "gs-init: cannot execute %s: %s\n", argv[2], strerror(failure));
        _exit(127);
    }
    for (;;) {
        int status;
        pid_t done = wait(&status);
        if (done < 0) {
            if (errno == EINTR) {
                continue;
            }
            report("error %d wait: %s\n", errno, strerror(errno));
            return 125;
        }
        if (done != child) {
            continue; /* an orphan re-parented to us */
        }
        if (WIFSIGNALED(status)) {
            report("signal %d%s\n", WTERMSIG(status), WCOREDUMP(status) ? " core" : "");
            return 128 + WTERMSIG(status);
        }
        report("exit %d%s\n", WEXITSTATUS(status), "");
        return WEXITSTATUS(status);
    }
}
