package dev.gradestream.executor.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Empty network namespaces, each kept alive by a {@code gs-launch --hold-netns} holder and lent to one launch
 * at a time, which the launcher enters instead of bwrap creating one ({@code --unshare-net}).
 *
 * <p>Why: a profile of the service under load put a quarter of bwrap's CPU in creating the network namespace
 * (setup_net, the loopback device, its sysctl tables), and the kernel tears each one down again afterwards in
 * a worker thread. A namespace is given back only after its launch's whole tree is gone ({@link Sandbox}
 * closes the cgroups first), and never lent to two launches at once, so what one launch leaves in it (an
 * abstract unix socket, the only kind of socket the seccomp filter allows) can meet neither a concurrent launch
 * nor the next one: the sockets die with their processes. The jobs cannot change the namespace itself: it
 * belongs to the host's user namespace, in which they hold no capability.
 *
 * <p>Only root can create one; elsewhere {@link #open} finds that out by trying and every launch keeps its own.
 * A holder exits when its stdin reaches EOF: when the pool closes it, or when the JVM dies, so a crash leaves
 * nothing behind.
 */
final class NetworkNamespaces implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkNamespaces.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One namespace: its holder, and the cookie on the holder's command line, which the launcher checks. */
    record Lease(Process holder, String cookie) {
        /** The launcher's {@code --netns} value. */
        String argument() {
            return holder.pid() + ":" + cookie;
        }
    }

    private final Path launcher;
    private final Deque<Lease> free = new ArrayDeque<>();
    private final List<Lease> all = new ArrayList<>();
    private boolean closed;

    private NetworkNamespaces(Path launcher) {
        this.launcher = launcher;
    }

    /** A pool with one namespace made, or empty when this service cannot make them (not root). */
    static Optional<NetworkNamespaces> open(Path launcher) {
        NetworkNamespaces pool = new NetworkNamespaces(launcher);
        try {
            pool.release(pool.acquire());
            return Optional.of(pool);
        } catch (IOException e) {
            LOG.info("sandbox: every launch creates its own network namespace (" + e.getMessage() + ")");
            pool.close();
            return Optional.empty();
        }
    }

    /** A namespace no other launch holds; a new one when all are lent. */
    synchronized Lease acquire() throws IOException {
        if (closed) {
            throw new IOException("the network namespace pool is closed");
        }
        while (!free.isEmpty()) {
            Lease lease = free.pop();
            if (lease.holder().isAlive()) {
                return lease;
            }
            all.remove(lease);
        }
        Lease lease = start();
        all.add(lease);
        return lease;
    }

    /** Only once nothing of the launch that held it is left. */
    synchronized void release(Lease lease) {
        if (closed || !lease.holder().isAlive()) {
            discard(lease);
        } else {
            free.push(lease);
        }
    }

    /**
     * For a launch whose processes may still be dying (it was interrupted, and no cgroup waited for its tree):
     * the namespace is never lent again, and goes when its last process does.
     */
    synchronized void discard(Lease lease) {
        all.remove(lease);
        stop(lease);
    }

    /** How many namespaces exist (lent or free): at most the number of launches ever run at once. */
    synchronized int size() {
        return all.size();
    }

    private Lease start() throws IOException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String cookie = HexFormat.of().formatHex(nonce);
        Process holder = new ProcessBuilder(launcher.toString(), "--hold-netns", cookie)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String ready;
        try {
            ready = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        } catch (IOException e) {
            ready = null;
        }
        if (!"ready".equals(ready)) {
            String why = new String(holder.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            holder.destroyForcibly();
            throw new IOException(why.isEmpty() ? "the network namespace holder did not start" : why);
        }
        return new Lease(holder, cookie);
    }

    private static void stop(Lease lease) {
        Process holder = lease.holder();
        try {
            holder.getOutputStream().close();
            if (!holder.waitFor(1, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        } catch (IOException e) {
            holder.destroyForcibly();
        } catch (InterruptedException e) {
            holder.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        all.forEach(NetworkNamespaces::stop);
        all.clear();
        free.clear();
    }
}
