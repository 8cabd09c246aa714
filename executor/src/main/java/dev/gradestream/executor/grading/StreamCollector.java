package dev.gradestream.executor.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one output pipe of a launch (for every runner, sandboxed or not), keeping at most {@code cap} bytes and handing each complete line
 * to an optional listener as soon as it arrives. Past the cap it tells {@code onOverflow} once (which
 * kills the tree) and keeps draining until the pipe closes, so nothing blocks on a full pipe meanwhile.
 */
public final class StreamCollector implements Runnable {
    private final InputStream stream;
    private final long cap;
    private final Consumer<String> lineListener;
    private final Runnable onOverflow;
    private final Consumer<RuntimeException> onListenerFailure;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile boolean overflowed;
    private volatile boolean listenerFailed;

    public StreamCollector(InputStream stream, long cap, Consumer<String> lineListener, Runnable onOverflow,
            Consumer<RuntimeException> onListenerFailure) {
        this.stream = stream;
        this.cap = cap;
        this.lineListener = lineListener;
        this.onOverflow = onOverflow;
        this.onListenerFailure = onListenerFailure;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[16384];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                accept(buffer, read);
            }
        } catch (IOException closed) {
            // Closed under us once the tree was killed: what we have is all there is.
        }
        if (line.size() > 0 && !overflowed) {
            deliver();
        }
    }

    private void accept(byte[] buffer, int length) {
        if (overflowed) {
            return;
        }
        int room;
        synchronized (kept) {
            room = (int) Math.min(length, cap - kept.size());
            kept.write(buffer, 0, room);
        }
        if (lineListener != null) {
            for (int i = 0; i < room; i++) {
                if (buffer[i] == '\n') {
                    deliver();
                } else {
                    line.write(buffer[i]);
                }
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
        if (lineListener == null || listenerFailed) {
            return;
        }
        try {
            lineListener.accept(text);
        } catch (RuntimeException e) {
            // The caller can no longer follow the run: stop it and let the caller see why.
            listenerFailed = true;
            onListenerFailure.accept(e);
        }
    }

    public String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    public boolean overflowed() {
        return overflowed;
    }
}
