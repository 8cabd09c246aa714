package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.run;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.sandbox;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sandboxed program can see and touch: only its own job directory, processes and private /tmp. */
class SandboxIsolationTest extends HostileSandboxTest {
    private static final String CONNECT = """
            #define _GNU_SOURCE
            #include <arpa/inet.h>
            #include <errno.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                int fd = socket(AF_INET, SOCK_STREAM, 0);
                if (fd < 0) { printf("socket %s\\n", strerrorname_np(errno)); return 0; }
                struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
                inet_pton(AF_INET, argv[1], &to.sin_addr);
                if (connect(fd, (struct sockaddr *) &to, sizeof to) < 0) {
                    printf("connect %s\\n", strerrorname_np(errno));
                    return 0;
                }
                printf("connected\\n");
                return 0;
            }
            """;


    @Test
    void cannotConnectToAPortOpenOnTheHostsLoopback() throws Exception {
        compile(job, "connect", CONNECT);
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            SandboxResult result = run(spec(job, "./connect", "127.0.0.1", Integer.toString(server.getLocalPort())));
            assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
            assertThat(result.stdout()).isEqualTo("socket EPERM\n");
            boolean accepted;
            try {
                server.accept().close();
                accepted = true;
            } catch (SocketTimeoutException expected) {
                accepted = false;
            }
            assertThat(accepted).as("the host's server got a connection").isFalse();
        }
    }

    @Test
    void cannotConnectToAPublicAddress() throws Exception {
        compile(job, "connect", CONNECT);
        SandboxResult result = run(spec(job, "./connect", "1.1.1.1", "80"));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.stdout()).isEqualTo("socket EPERM\n");
    }

    @Test
    void theNetworkNamespaceHasOnlyLoopbackAndTheHostnameIsItsOwn() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "cat /proc/net/dev; hostname"));
        assertThat(result.stdout()).contains("lo:").doesNotContain("eth").doesNotContain("ens").endsWith("sandbox\n");
    }

    @Test
    void socketFamiliesOtherThanUnixAreRefused() throws Exception {
        compile(job, "sockets", """
                #define _GNU_SOURCE
                #include <errno.h>
                #include <stdio.h>
                #include <string.h>
                #include <sys/socket.h>
                static void try(const char *name, int family, int type) {
                    int fd = socket(family, type, 0);
                    printf("%s=%s\\n", name, fd >= 0 ? "allowed" : strerrorname_np(errno));
                }
                int main(void) {
                    try("vsock", 40 /* AF_VSOCK */, SOCK_STREAM);
                    try("inet6", AF_INET6, SOCK_DGRAM);
                    try("netlink", AF_NETLINK, SOCK_RAW);
                    try("packet", AF_PACKET, SOCK_RAW);
                    try("unix", AF_UNIX, SOCK_STREAM);
                    int pair[2];
                    printf("socketpair=%s\\n", socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0 ? "allowed" : "refused");
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./sockets"));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.stdout().lines()).containsExactly("vsock=EPERM", "inet6=EPERM", "netlink=EPERM",
                "packet=EPERM", "unix=allowed", "socketpair=allowed");
    }

    @Test
    void theServicesEnvironmentDoesNotReachTheSandbox() throws Exception {
        Sandbox leaky = sandbox().withLauncherEnvironment(Map.of("GRADESTREAM_SECRET_CANARY", "hunter2-canary"));
        SandboxResult result = leaky.run(spec(job, "sh", "-c",
                "env; for f in /proc/[0-9]*/environ; do cat $f 2>/dev/null; echo; done").build());
        SandboxTestSupport.assertHostUnharmed(result);
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.stdout()).doesNotContain("hunter2-canary").doesNotContain("GRADESTREAM");
        SandboxResult env = run(spec(job, "/usr/bin/env"));
        // PWD is bwrap's --chdir.
        assertThat(env.stdout().lines()).containsExactlyInAnyOrder("PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp",
                "LANG=C.UTF-8", "PWD=" + job);
    }

    @Test
    void writingToEtcUsrOrTheRootFails() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "for f in /etc/gs-canary /usr/gs-canary /usr/lib/gs-canary"
                + " /gs-canary /etc/passwd; do (echo x > $f) 2>/dev/null && echo wrote $f || echo refused $f; done"));
        assertThat(result.stdout().lines()).containsExactly("refused /etc/gs-canary", "refused /usr/gs-canary",
                "refused /usr/lib/gs-canary", "refused /gs-canary", "refused /etc/passwd");
        for (String path : List.of("/etc/gs-canary", "/usr/gs-canary", "/usr/lib/gs-canary", "/gs-canary")) {
            assertThat(Path.of(path)).doesNotExist();
        }
    }

    @Test
    void etcHoldsOnlyTheGeneratedAccountsAndNoSecrets() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "cat /etc/passwd; ls /etc; id; cat /etc/shadow"));
        assertThat(result.stdout()).contains("sandbox:x:" + sandbox().identity().uid()).doesNotContain("postgres")
                .contains("uid=" + sandbox().identity().uid() + "(sandbox)");
        assertThat(result.stdout().lines()).doesNotContain("shadow", "ssh", "ssl");
        assertThat(result.stderr()).contains("No such file");
    }

    @Test
    void filesWrittenInTheJobDirectoryBelongToTheSandboxUserOnTheHost() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "id -u; echo hi > made.txt"));
        assertThat(result.stdout().trim()).isEqualTo(Integer.toString(sandbox().identity().uid()));
        assertThat(Files.getAttribute(job.resolve("made.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(sandbox().identity().uid());
    }

    @Test
    void tmpIsPrivateToEachLaunch() throws Exception {
        // The job directory (a JUnit temporary directory) is mounted below /tmp: its parent shows up too.
        SandboxResult first = run(spec(job, "sh", "-c", "echo secret > /tmp/gs-leak && ls /tmp"));
        assertThat(first.stdout().lines()).contains("gs-leak");
        SandboxResult second = run(spec(job, "sh", "-c", "ls -A /tmp; cat /tmp/gs-leak"));
        assertThat(second.stdout().lines()).doesNotContain("gs-leak").doesNotContain("secret");
        assertThat(second.exitCode()).isNotZero();
        assertThat(Path.of("/tmp/gs-leak")).doesNotExist();
    }

    @Test
    void concurrentLaunchesSeeNeitherTheOthersFilesNorItsProcesses(@TempDir Path other) throws Exception {
        String script = "echo mine > mine.txt; sleep 1 & ls /proc | grep -c '^[0-9]*$'; ls -A %s 2>&1; wait";
        CompletableFuture<SandboxResult> a = CompletableFuture.supplyAsync(() -> runQuietly(
                spec(job, "sh", "-c", script.formatted(other))));
        CompletableFuture<SandboxResult> b = CompletableFuture.supplyAsync(() -> runQuietly(
                spec(other, "sh", "-c", script.formatted(job))));
        for (SandboxResult result : List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS))) {
            List<String> lines = result.stdout().lines().toList();
            // init, sh, sleep, ls and grep at most: nothing of the other launch, nothing of the host.
            assertThat(Integer.parseInt(lines.get(0))).isBetween(3, 5);
            assertThat(lines.get(1)).contains("No such file or directory");
        }
        SandboxTestSupport.assertHostUnharmed(a.get());
        SandboxTestSupport.assertHostUnharmed(b.get());
    }

    @Test
    void killingEveryProcessItCanOnlyReachesTheSandbox() throws Exception {
        int uid = sandbox().identity().uid();
        // A process of the same uid outside the sandbox: the one thing kill(-1) could otherwise reach.
        Process bystander = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "sleep", "60").start();
        try {
            compile(job, "killall", """
                    #include <signal.h>
                    #include <stdio.h>
                    #include <unistd.h>
                    int main(void) {
                        if (fork() == 0) { pause(); return 0; }
                        int rc = kill(-1, SIGKILL);
                        printf("kill=%d survived\\n", rc);
                        return 0;
                    }
                    """);
            SandboxResult result = sandbox().run(spec(job, "./killall").build());
            assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
            assertThat(result.stdout()).isEqualTo("kill=0 survived\n");
            assertThat(bystander.isAlive()).as("a host process of the sandbox uid survived").isTrue();
        } finally {
            bystander.destroyForcibly();
            bystander.waitFor();
        }
        assertThat(SandboxTestSupport.processesOf(uid)).isEmpty();
    }

    @Test
    void aDoubleForkedDaemonDiesWithTheLaunch() throws Exception {
        compile(job, "daemon", """
                #include <stdio.h>
                #include <unistd.h>
                int main(void) {
                    if (fork() == 0) {
                        setsid();
                        if (fork() == 0) {
                            sleep(2);
                            FILE *f = fopen("daemon-was-here", "w");
                            fputs("escaped\\n", f);
                            fclose(f);
                        }
                        return 0;
                    }
                    puts("parent done");
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./daemon"));
        assertThat(result.verdict()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.stdout()).isEqualTo("parent done\n");
        Thread.sleep(Duration.ofMillis(3_000).toMillis());
        assertThat(job.resolve("daemon-was-here")).doesNotExist();
    }

    @Test
    void readOnlyBindsCanBeReadButNotWritten(@TempDir Path shared) throws Exception {
        Files.writeString(shared.resolve("harness.txt"), "shared input\n");
        shared.toFile().setReadable(true, false);
        shared.toFile().setExecutable(true, false);
        SandboxResult result = run(spec(job, "sh", "-c", "cat " + shared + "/harness.txt; echo x > " + shared
                + "/harness.txt || echo refused").readOnly(BindMount.same(shared)));
        assertThat(result.stdout()).isEqualTo("shared input\nrefused\n");
        assertThat(Files.readString(shared.resolve("harness.txt"))).isEqualTo("shared input\n");
    }

    private static SandboxResult runQuietly(SandboxSpec.Builder spec) {
        try {
            return sandbox().run(spec.build());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
