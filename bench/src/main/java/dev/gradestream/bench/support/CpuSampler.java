package dev.gradestream.bench.support;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.Map;

/**
 * Reads a process's CPU time every few milliseconds in the background, so the CPU it used between any two
 * instants of a run (e.g. from the first grading's {@code started} to the last stream's end) can be
 * told afterwards, to within one sampling period.
 */
public final class CpuSampler implements AutoCloseable {
    private final ConcurrentSkipListMap<Long, Double> samples = new ConcurrentSkipListMap<>();
    private final Thread thread;

    public CpuSampler(ProcessProbe probe, long periodMs) {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.put(SseEvent.nowMicros(), probe.cpuMs());
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** CPU ms used from {@code fromMicros} to {@code toMicros} (µs since the epoch), from the nearest samples. */
    public double cpuMsBetween(long fromMicros, long toMicros) {
        return at(toMicros) - at(fromMicros);
    }

    private double at(long micros) {
        Map.Entry<Long, Double> floor = samples.floorEntry(micros);
        return floor != null ? floor.getValue() : samples.firstEntry().getValue();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
