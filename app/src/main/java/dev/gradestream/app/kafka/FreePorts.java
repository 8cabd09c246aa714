package dev.gradestream.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class FreePorts {
    private FreePorts() {
    }

    /** A port free right now on loopback. Another process could take it before we bind; rare enough. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    /**
     * A free port other than {@code taken}: a port picked earlier but not bound yet is free again, so the
     * kernel may hand it out a second time (seen: broker and controller on one port, and the broker refused
     * to start).
     */
    static int pickOtherThan(int taken) {
        int port = pick();
        while (port == taken) {
            port = pick();
        }
        return port;
    }
}
