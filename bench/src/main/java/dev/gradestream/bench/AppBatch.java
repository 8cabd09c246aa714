package dev.gradestream.bench;

import dev.gradestream.bench.load.StreamCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.GradeStreamClient.Posted;
import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.SseEvent;
import dev.gradestream.bench.support.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A batch sent to the app as a client would: every submission POSTed at once, each one's event stream
 * opened as soon as its POST is answered and read to its end. The batch takes from the first POST to the
 * last {@code completed} received; each submission's latency is from its POST to its {@code completed}.
 */
final class AppBatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GradeStreamClient client;

    AppBatch(GradeStreamClient client) {
        this.client = client;
    }

    /**
     * Sends {@code programs} (one entry per submission) and checks each stream is complete and ordered and
     * its verdict's status is {@code expectedStatus} of its program.
     */
    BatchResult run(List<String> programs, boolean valgrind, Function<String, String> expectedStatus)
            throws IOException {
        long start = SseEvent.nowMicros();
        List<CompletableFuture<Sent>> sent = new ArrayList<>();
        for (String program : programs) {
            sent.add(client.submit(Programs.submission(program, valgrind))
                    .thenApply(posted -> new Sent(program, posted, client.follow(posted.id()))));
        }
        StreamCheck check = new StreamCheck();
        List<Double> latencies = new ArrayList<>();
        long last = start;
        int wrongVerdicts = 0;
        String firstWrong = null;
        for (CompletableFuture<Sent> future : sent) {
            Sent one = future.join();
            List<SseEvent> events = one.reader.done().orTimeout(30, TimeUnit.MINUTES).join();
            if (!check.accept(one.posted.id(), events)) {
                continue;
            }
            SseEvent completed = events.get(events.size() - 1);
            String status = JSON.readTree(completed.data()).path("data").path("status").asText();
            if (!status.equals(expectedStatus.apply(one.program))) {
                wrongVerdicts++;
                firstWrong = firstWrong != null ? firstWrong : one.program + " got " + status + ", the engine alone "
                        + expectedStatus.apply(one.program) + " (" + one.posted.id() + ")";
            }
            latencies.add((completed.receivedMicros() - one.posted.postedMicros()) / 1000.0);
            last = Math.max(last, completed.receivedMicros());
        }
        String first = check.firstViolation() != null ? check.firstViolation() : firstWrong;
        return new BatchResult(programs.size(), (last - start) / 1e6, Percentiles.of(latencies),
                check.violations() + wrongVerdicts, first);
    }

    private record Sent(String program, Posted posted, SseReader reader) {
    }
}
