package dev.gradestream.bench.load;

import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.Job;
import dev.gradestream.bench.support.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a load's submissions through a {@link Transport} in a {@link LoadShape} and reads every one's
 * event stream ({@code GET /submissions/{id}/events}) to its end, opened as soon as the submission is
 * taken. A closed shape sends the next submission when a stream ends; an open one on its schedule, never
 * waiting for the service (so a slow service shows as latency, not as a lower offered rate).
 */
public final class LoadRun {
    private static final long MAX_WAIT_MINUTES = 30;

    private final Transport transport;
    private final GradeStreamClient client;

    public LoadRun(Transport transport, GradeStreamClient client) {
        this.transport = transport;
        this.client = client;
    }

    /** Every submission's outcome in the order of {@code jobs}, and when the load started and ended (µs). */
    public record Result(long startMicros, long endMicros, List<Outcome> outcomes) {
        public double seconds() {
            return (endMicros - startMicros) / 1e6;
        }
    }

    public Result run(List<Job> jobs, LoadShape shape) throws InterruptedException {
        long start = SseEvent.nowMicros();
        long startNanos = System.nanoTime();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(jobs.size());
        Semaphore inFlight = new Semaphore(shape instanceof LoadShape.Closed closed ? closed.concurrency() : Integer.MAX_VALUE);
        for (int i = 0; i < jobs.size(); i++) {
            if (shape instanceof LoadShape.Open open) {
                long due = startNanos + (long) (i * 1e9 / open.perSecond());
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            inFlight.acquire();
            CompletableFuture<Outcome> outcome = send(jobs.get(i));
            outcome.whenComplete((done, failure) -> inFlight.release());
            outcomes.add(outcome);
        }
        List<Outcome> all = new ArrayList<>(jobs.size());
        long end = start;
        for (CompletableFuture<Outcome> outcome : outcomes) {
            Outcome one = outcome.orTimeout(MAX_WAIT_MINUTES, TimeUnit.MINUTES).join();
            all.add(one);
            if (!one.events().isEmpty()) {
                end = Math.max(end, one.events().get(one.events().size() - 1).receivedMicros());
            }
        }
        return new Result(start, end, all);
    }

    private CompletableFuture<Outcome> send(Job job) {
        long sent = SseEvent.nowMicros();
        return transport.submit(job.json())
                .thenCompose(posted -> client.follow(posted.id()).done()
                        .thenApply(events -> new Outcome(job.program(), posted.id(), posted.postedMicros(), events, null)))
                .exceptionally(failure -> Outcome.failed(job.program(), sent, failure));
    }
}
