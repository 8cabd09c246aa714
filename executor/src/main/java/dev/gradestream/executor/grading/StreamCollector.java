package dev.gradestream.executor.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one output stream of a process, keeping at most {@code cap} bytes and handing complete lines
 * to an optional listener as they arrive. Draining goes on past the cap (so the process never blocks
 * on a full pipe) until the stream closes; {@code onOverflow} is told once so the caller can kill it.
 */
final class StreamCollector implements Runnable {
    private final InputStream stream;
    private final long cap;
    private final Consumer<String> lineListener;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile boolean overflowed;
    private volatile RuntimeException listenerFailure;

    StreamCollector(InputStream stream, long cap, Consumer<String> lineListener, Runnable onOverflow) {
        this.stream = stream;
        this.cap = cap;
        this.lineListener = lineListener;
        this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                accept(buffer, read);
            }
        } catch (IOException closed) {
            // The stream was closed under us because the process tree was killed: what we have is all.
        }
        if (line.size() > 0 && !overflowed) {
            deliver();
        }
    }

    private void accept(byte[] buffer, int length) {
        if (overflowed) {
            return;
        }
        int room = (int) Math.min(length, cap - kept.size());
        kept.write(buffer, 0, room);
        for (int i = 0; i < room; i++) {
            if (buffer[i] == '\n') {
                deliver();
            } else {
                line.write(buffer[i]);
            }
        }
        if (room < length) {
            overflowed = true;
            onOverflow.run();
        }
    }

    private void deliver() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (lineListener == null || listenerFailure != null) {
            return;
        }
        try {
            lineListener.accept(text);
        } catch (RuntimeException e) {
            // The caller cannot follow the run any more: remember why and stop the process.
            listenerFailure = e;
            onOverflow.run();
        }
    }

    /** Read only after the reader thread ended (or was given up on): what was kept so far. */
    String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    boolean overflowed() {
        return overflowed && listenerFailure == null;
    }

    RuntimeException listenerFailure() {
        return listenerFailure;
    }
}
