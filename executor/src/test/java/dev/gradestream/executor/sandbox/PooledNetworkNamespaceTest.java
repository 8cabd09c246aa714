package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.run;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.sandbox;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launches enter network namespaces made once and lent one at a time ({@link NetworkNamespaces}). What must
 * hold: never the host's, never two launches in one at the same time, and nothing of one launch (an abstract
 * unix socket, the only socket the seccomp filter lets a job open) left for the next.
 */
class PooledNetworkNamespaceTest extends HostileSandboxTest {
    /**
     * {@code unix-socket listen NAME SECONDS} binds the abstract socket NAME and says so, then waits;
     * {@code unix-socket connect NAME} says whether it could connect. Both first print their network namespace.
     */
    private static final String UNIX_SOCKET = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/un.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                char ns[64] = {0};
                readlink("/proc/self/ns/net", ns, sizeof ns - 1);
                printf("%s\\n", ns);
                struct sockaddr_un address = {.sun_family = AF_UNIX};
                strncpy(address.sun_path + 1, argv[2], sizeof address.sun_path - 2);
                socklen_t length = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(argv[2]);
                int fd = socket(AF_UNIX, SOCK_STREAM, 0);
                if (strcmp(argv[1], "listen") == 0) {
                    if (bind(fd, (struct sockaddr *) &address, length) != 0 || listen(fd, 1) != 0) {
                        printf("bind %s\\n", strerrorname_np(errno));
                        return 1;
                    }
                    printf("listening\\n");
                    fflush(stdout);
                    sleep(atoi(argv[3]));
                    return 0;
                }
                printf("%s\\n", connect(fd, (struct sockaddr *) &address, length) == 0
                        ? "connected" : strerrorname_np(errno));
                return 0;
            }
            """;

    private String socketName;

    @BeforeEach
    void compileTheProgram() throws Exception {
        compile(job, "unix-socket", UNIX_SOCKET);
        socketName = "gs-test-" + UUID.randomUUID();
    }

    @Test
    void aLaunchIsInAnEmptyNetworkNamespaceOfThePoolNotTheHosts() throws Exception {
        assertThat(sandbox().poolsNetworkNamespaces()).as("the service runs as root, so it pools namespaces").isTrue();
        SandboxResult first = run(spec(job, "sh", "-c", "readlink /proc/self/ns/net; tail -n +3 /proc/net/dev"));
        SandboxResult second = run(spec(job, "readlink", "/proc/self/ns/net"));
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        String namespace = first.stdout().lines().findFirst().orElseThrow();
        assertThat(namespace).startsWith("net:[").isNotEqualTo(host);
        // One launch after the other: the same namespace, lent again rather than made again.
        assertThat(second.stdout().strip()).isEqualTo(namespace);
        // Only the loopback device, as in a namespace of bwrap's own.
        assertThat(first.stdout().lines().skip(1).map(line -> line.strip().split(":")[0])).containsExactly("lo");
    }

    @Test
    void launchesRunningAtOnceNeverShareANamespaceNorReachEachOthersSockets() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        CompletableFuture<SandboxResult> listener = CompletableFuture.supplyAsync(() -> {
            try {
                return sandbox().run(spec(job, "./unix-socket", "listen", socketName, "2").stdoutLineListener(line -> {
                    if (line.equals("listening")) {
                        listening.countDown();
                    }
                }).build());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(listening.await(10, TimeUnit.SECONDS)).as("the first launch listens").isTrue();
        // Not run(): its check that no process of the sandbox user is left would see the first launch.
        SandboxResult meanwhile = sandbox().run(spec(job, "./unix-socket", "connect", socketName).build());
        SandboxResult held = listener.get(20, TimeUnit.SECONDS);
        SandboxTestSupport.assertHostUnharmed(held);

        String heldNamespace = held.stdout().lines().findFirst().orElseThrow();
        assertThat(held.stdout().lines().skip(1)).containsExactly("listening");
        assertThat(meanwhile.stdout().lines()).containsExactly(
                meanwhile.stdout().lines().findFirst().orElseThrow(), "ECONNREFUSED");
        assertThat(meanwhile.stdout().lines().findFirst().orElseThrow()).isNotEqualTo(heldNamespace);
        assertThat(sandbox().pooledNetworkNamespaces()).isGreaterThanOrEqualTo(2);
    }

    /**
     * Without cgroups nothing waits for an interrupted launch's tree to die, so its namespace must not be lent
     * again: the next launch gets another.
     */
    @Test
    void anInterruptedLaunchWithoutCgroupsDoesNotGiveItsNamespaceBack() throws Exception {
        Sandbox rlimitsOnly = Sandbox.create(SandboxConfig.defaults().withUseCgroups(false));
        assertThat(rlimitsOnly.poolsNetworkNamespaces()).isTrue();
        CompletableFuture<String> namespace = new CompletableFuture<>();
        Thread launch = new Thread(() -> {
            try {
                rlimitsOnly.run(spec(job, "sh", "-c", "readlink /proc/self/ns/net; sleep 5")
                        .stdoutLineListener(namespace::complete).build());
            } catch (InterruptedException expected) {
                // the point of the test
            }
        });
        launch.start();
        String interrupted = namespace.get(10, TimeUnit.SECONDS);
        launch.interrupt();
        launch.join(10_000);
        assertThat(launch.isAlive()).isFalse();

        SandboxResult next = rlimitsOnly.run(spec(job, "readlink", "/proc/self/ns/net").build());
        assertThat(next.stdout().strip()).startsWith("net:[").isNotEqualTo(interrupted);
        // What the interrupted launch left dies with the launcher; nothing of the sandbox user may stay.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!SandboxTestSupport.processesOf(sandbox().identity().uid()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(SandboxTestSupport.processesOf(sandbox().identity().uid())).isEmpty();
    }

    /** The launcher enters a namespace only through the holder it was named: pid and cookie must both match. */
    @Test
    void theLauncherRefusesAPidThatIsNotTheHolderItWasNamed() throws Exception {
        sandbox(); // as every test here: root, and a machine that can sandbox at all
        SandboxConfig config = SandboxConfig.defaults();
        Path launcher = NativeHelpers.prepare(config.cacheDir(), config.cc()).launcher();
        try (NetworkNamespaces pool = NetworkNamespaces.open(launcher).orElseThrow()) {
            NetworkNamespaces.Lease lease = pool.acquire();
            long holder = lease.holder().pid();
            String uid = Integer.toString(config.identity().uid());
            String gid = Integer.toString(config.identity().gid());

            assertThat(launch(launcher, holder + ":" + lease.cookie(), uid, gid)).isEqualTo("exit 0: ");
            assertThat(launch(launcher, holder + ":" + lease.cookie() + "0", uid, gid)).isEqualTo(
                    "exit 125: gs-launch: process " + holder + " is not the network namespace holder it should be");
            // A prefix of the cookie is not the cookie.
            assertThat(launch(launcher, holder + ":" + lease.cookie().substring(1), uid, gid)).startsWith("exit 125:");
            // The right cookie on another process (this JVM, in the host's namespace) is refused too.
            long jvm = ProcessHandle.current().pid();
            assertThat(launch(launcher, jvm + ":" + lease.cookie(), uid, gid)).isEqualTo(
                    "exit 125: gs-launch: process " + jvm + " is not the network namespace holder it should be");
        }
    }

    private static String launch(Path launcher, String netns, String uid, String gid) throws Exception {
        Process process = new ProcessBuilder(launcher.toString(), "--netns", netns, "--uid", uid, "--gid", gid, "--",
                "/usr/bin/true").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return "exit " + process.exitValue() + ": " + output.strip();
    }

    @Test
    void whatALaunchBoundIsGoneForTheNextLaunchInTheSameNamespace() throws Exception {
        SandboxResult bound = run(spec(job, "./unix-socket", "listen", socketName, "0"));
        SandboxResult next = run(spec(job, "./unix-socket", "connect", socketName));
        String namespace = bound.stdout().lines().findFirst().orElseThrow();
        assertThat(bound.stdout().lines()).containsExactly(namespace, "listening");
        // Same namespace (lent again), and the socket died with the process that bound it.
        assertThat(next.stdout().lines()).containsExactly(namespace, "ECONNREFUSED");
    }
}
