package dev.gradestream.bench;

import dev.gradestream.bench.load.StreamCheck;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.GradeStreamClient.Posted;
import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.ProcessProbe;
import dev.gradestream.bench.support.ProcessProbe.Snapshot;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.ResourceSampler;
import dev.gradestream.bench.support.SseEvent;
import dev.gradestream.bench.support.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One fan-out scenario against a running app. Closed: every grading slot is first held by a gate
 * submission, then the submissions are posted (they queue), every client opens its stream, and only then
 * do the gates time out and the submissions run. Paced: the submissions are posted, then the clients join
 * one every N ms, so late ones read the past. The app's CPU per delivery is counted from the first
 * grading's start (closed) or the first client's join (paced) to the last stream's end, and per stream
 * opened over the opening (closed); both less what the app burns idle over as long.
 */
final class FanOutRun {
    /** Streams whose GET is in flight at once: a burst of a thousand connects would overrun the accept queue. */
    private static final int OPENING_AT_ONCE = 100;
    private static final long SAMPLE_MS = 10;

    private final GradeStreamClient client;
    private final ProcessProbe probe;
    private final int slots;
    private final double idleCpuMsPerSecond;

    FanOutRun(GradeStreamClient client, ProcessProbe probe, int slots, double idleCpuMsPerSecond) {
        this.client = client;
        this.probe = probe;
        this.slots = slots;
        this.idleCpuMsPerSecond = idleCpuMsPerSecond;
    }

    record Result(FanOutScenario scenario, int clients, long deliveries, int violations, String firstViolation,
            int openedLate, Percentiles latencyMs, Percentiles toLastClientMs, double cpuUsPerOpen,
            double cpuUsPerDelivery,
            Snapshot before, Snapshot allOpen, Snapshot after, long liveHeapKbAfter) {
    }

    Result run(FanOutScenario scenario, int gateSeconds) throws IOException, InterruptedException {
        double cpuMsOpening;
        double cpuMsDelivering;
        Snapshot before = probe.snapshot();
        if (scenario.closed()) {
            holdEverySlot(gateSeconds);
        }
        String body = Programs.submission("correct", false);
        List<Posted> posted = client.submitAll(Collections.nCopies(scenario.submissions(), body));
        List<Follower> followers;
        long joinFrom;
        long allOpenMicros;
        long doneMicros;
        Snapshot allOpen;
        try (ResourceSampler cpu = new ResourceSampler(probe, SAMPLE_MS, false)) {
            joinFrom = SseEvent.nowMicros();
            followers = join(scenario, posted);
            allOpenMicros = followers.stream().mapToLong(f -> f.reader.opened().join()).max().orElseThrow();
            allOpen = probe.snapshot();
            CompletableFuture.allOf(followers.stream().map(f -> f.reader.done()).toArray(CompletableFuture[]::new))
                    .orTimeout(15, TimeUnit.MINUTES).join();
            doneMicros = SseEvent.nowMicros();
            Thread.sleep(2 * SAMPLE_MS); // a sample after the end
            long deliveringFrom = scenario.closed() ? firstEventAt(followers) : joinFrom;
            cpuMsOpening = scenario.closed() ? netCpuMs(cpu, joinFrom, allOpenMicros) : Double.NaN;
            cpuMsDelivering = netCpuMs(cpu, deliveringFrom, doneMicros);
        }
        Snapshot after = probe.snapshot();
        long heap = probe.liveHeapKbAfterGc();

        StreamCheck check = new StreamCheck();
        List<Double> latencies = new ArrayList<>();
        Map<String, Double> toLast = new HashMap<>();
        long deliveries = 0;
        int openedLate = 0;
        for (Follower follower : followers) {
            List<SseEvent> events = follower.reader.done().join();
            deliveries += events.size();
            if (scenario.closed() && !events.isEmpty() && events.get(0).receivedMicros() < allOpenMicros) {
                openedLate++; // the gate opened before every client was in: not a closed measurement
            }
            if (!check.accept(follower.submissionId, events)) {
                continue;
            }
            SseEvent completed = events.get(events.size() - 1);
            long from = Math.max(completed.atMicros(), follower.reader.opened().join());
            double ms = (completed.receivedMicros() - from) / 1000.0;
            latencies.add(ms);
            toLast.merge(follower.submissionId, ms, Math::max);
        }
        return new Result(scenario, followers.size(), deliveries, check.violations(), check.firstViolation(),
                openedLate, Percentiles.of(latencies), Percentiles.of(toLast.values()),
                cpuMsOpening * 1000 / followers.size(), cpuMsDelivering * 1000 / Math.max(1, deliveries),
                before, allOpen, after, heap);
    }

    /** The app's CPU between two instants, less what it burns idle over as long (broker, timers). */
    private double netCpuMs(ResourceSampler cpu, long fromMicros, long toMicros) {
        return cpu.between(fromMicros, toMicros).cpuMs() - idleCpuMsPerSecond * (toMicros - fromMicros) / 1e6;
    }

    /** When the first grading started (its first event's own time): the gates have let go. */
    private static long firstEventAt(List<Follower> followers) {
        return followers.stream().map(f -> f.reader.done().join()).filter(events -> !events.isEmpty())
                .mapToLong(events -> events.get(0).atMicros()).min().orElseThrow();
    }

    private record Follower(String submissionId, SseReader reader) {
    }

    private List<Follower> join(FanOutScenario scenario, List<Posted> posted) throws InterruptedException {
        List<Follower> followers = new ArrayList<>();
        java.util.concurrent.Semaphore opening = new java.util.concurrent.Semaphore(OPENING_AT_ONCE);
        long start = System.nanoTime();
        for (int i = 0; i < scenario.clients(); i++) {
            if (!scenario.closed()) {
                long due = start + TimeUnit.MILLISECONDS.toNanos((long) i * scenario.pacedMs());
                TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            }
            String id = posted.get(i % posted.size()).id();
            opening.acquire();
            SseReader reader = client.follow(id);
            reader.opened().whenComplete((at, failure) -> opening.release());
            followers.add(new Follower(id, reader));
        }
        return followers;
    }

    /** Posts one gate per slot and waits until each is being graded (so it holds its slot). */
    private void holdEverySlot(int gateSeconds) throws IOException, InterruptedException {
        List<Posted> gates = client.submitAll(Collections.nCopies(slots, Programs.gate(gateSeconds)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Posted gate : gates) {
            while (client.get("/submissions/" + gate.id()).contains("\"stage\":\"queued\"")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("gate " + gate.id() + " was not started within 60 s: are there more "
                            + "grading slots busy than --slots " + slots + "?");
                }
                Thread.sleep(50);
            }
        }
    }
}
