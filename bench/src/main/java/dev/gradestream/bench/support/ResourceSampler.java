package dev.gradestream.bench.support;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Samples a process every few milliseconds in the background: its own CPU, its children's CPU, its RSS
 * and (unless told not to) the RSS of every process below it. Afterwards, the figures of any window of the run (e.g. one load,
 * from its first send to its last {@code completed}) can be told, to within one sampling period.
 */
public final class ResourceSampler implements AutoCloseable {
    private record Sample(double cpuMs, double childrenCpuMs, long rssKb, long descendantsRssKb) {
    }

    /** What the process used over a window: CPU in ms, and the largest RSS seen, in KiB. */
    public record Usage(double seconds, double cpuMs, double childrenCpuMs, long maxRssKb, long maxDescendantsRssKb) {
    }

    private final ConcurrentSkipListMap<Long, Sample> samples = new ConcurrentSkipListMap<>();
    private final Thread thread;

    /** Samples everything, the processes below included (a scan of /proc each time: keep the period ≥ 50 ms). */
    public ResourceSampler(ProcessProbe probe, long periodMs) {
        this(probe, periodMs, true);
    }

    /** {@code below}: whether to sum the RSS of the processes below too; without, a 10 ms period is cheap. */
    public ResourceSampler(ProcessProbe probe, long periodMs, boolean below) {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    samples.put(SseEvent.nowMicros(), new Sample(probe.cpuMs(), probe.childrenCpuMs(), probe.rssKb(),
                            below ? probe.descendantsRssKb() : 0));
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                } catch (IllegalStateException exited) {
                    return;
                }
            }
        }, "resource-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Usage from {@code fromMicros} to {@code toMicros} (µs since the epoch). */
    public Usage between(long fromMicros, long toMicros) {
        Sample from = at(fromMicros);
        Sample to = at(toMicros);
        long maxRss = 0;
        long maxBelow = 0;
        for (Sample sample : samples.subMap(fromMicros, true, toMicros, true).values()) {
            maxRss = Math.max(maxRss, sample.rssKb());
            maxBelow = Math.max(maxBelow, sample.descendantsRssKb());
        }
        return new Usage((toMicros - fromMicros) / 1e6, to.cpuMs() - from.cpuMs(), to.childrenCpuMs() - from.childrenCpuMs(),
                Math.max(maxRss, to.rssKb()), maxBelow);
    }

    private Sample at(long micros) {
        Map.Entry<Long, Sample> floor = samples.floorEntry(micros);
        return floor != null ? floor.getValue() : samples.firstEntry().getValue();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
