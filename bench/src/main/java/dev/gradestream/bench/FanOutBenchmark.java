package dev.gradestream.bench;

import dev.gradestream.bench.support.AppUnderTest;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.Machine;
import dev.gradestream.bench.support.Options;
import dev.gradestream.bench.support.ProcessProbe;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.SseReader;
import dev.gradestream.bench.support.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Issue #5: thousands of open streams per instance without a consumer or a thread per client. Runs the
 * packaged app as a child process and follows fast submissions (Valgrind off) with JDK HTTP/1.1 SSE clients:
 * by default 1 submission × 1000 clients, 1000 × 1 and 200 × 5, each closed (every client in before the
 * gradings run) and paced (a client joins every N ms). Each scenario gets a fresh app; in the same app
 * and mode, a baseline of one client per submission gives the per-delivery CPU the scenario is divided by.
 *
 * <p>Usage: {@code java -cp "bench/target/gradestream-bench.jar:bench/target/lib/*"
 * dev.gradestream.bench.FanOutBenchmark [--app-jar PATH] [--scenarios 1x1000,1000x1,200x5]
 * [--modes closed,paced:1] [--slots 2] [--gate-seconds auto] [--baseline 20] [--warmup 20] [--csv FILE]}.
 * Exits with 1 when any client's stream was incomplete or out of order, or a closed run was not closed.
 */
public final class FanOutBenchmark {
    private static final int IDLE_SAMPLE_MS = 3000;

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, "--app-jar", "--scenarios", "--modes", "--slots", "--gate-seconds",
                "--baseline", "--warmup", "--csv");
        List<String> shapes = options.list("--scenarios", "1x1000,1000x1,200x5");
        List<String> modes = options.list("--modes", "closed,paced:1");
        int slots = options.integer("--slots", 2);
        int gateSeconds = options.integer("--gate-seconds", 0);
        int baseline = options.integer("--baseline", 20);
        int warmup = options.integer("--warmup", 20);
        Path csv = Path.of(options.string("--csv", "bench/target/fanout.csv"));
        List<FanOutScenario> scenarios = new ArrayList<>();
        for (String mode : modes) {
            shapes.forEach(shape -> scenarios.add(FanOutScenario.parse(shape, mode)));
        }
        int most = scenarios.stream().mapToInt(FanOutScenario::clients).max().orElse(0);
        Machine.requireOpenFiles(Math.max(4096, 2 * most + 512));

        System.out.println("# Fan-out (issue #5)\n\n" + Machine.describe() + "; " + slots + " grading slots\n");
        Table table = new Table("mode", "scenario", "clients", "deliveries", "violations",
                "completed→client p50 ms", "p99 ms", "to last client p50 ms", "max ms",
                "app CPU µs/stream opened", "app CPU µs/delivery", "÷ baseline", "threads before / all open / after",
                "RSS MB before / all open / after", "live heap after MB");
        boolean failed = false;
        for (FanOutScenario scenario : scenarios) {
            try (AppUnderTest app = AppUnderTest.start(options.appJar(), slots, List.of());
                    GradeStreamClient client = new GradeStreamClient(app)) {
                ProcessProbe probe = new ProcessProbe(app.pid());
                warmUp(client, warmup);
                double idle = idleCpuMsPerSecond(probe);
                FanOutRun run = new FanOutRun(client, probe, slots, idle);
                FanOutScenario base = scenario.oneClientEach(baseline);
                FanOutRun.Result reference = run.run(base, gate(gateSeconds, base));
                FanOutRun.Result result = run.run(scenario, gate(gateSeconds, scenario));
                for (FanOutRun.Result r : List.of(reference, result)) {
                    add(table, r, reference.cpuUsPerDelivery());
                    failed |= report(r);
                }
                System.err.printf("%s %s done (idle app CPU %.1f ms/s, %s)%n", scenario.mode(), scenario.label(),
                        idle, Machine.loadAverage());
            }
        }
        System.out.println(table.markdown());
        table.writeCsv(csv);
        System.out.println("CSV: " + csv + "\nEnd: " + Machine.loadAverage());
        System.exit(failed ? 1 : 0);
    }

    /** Long enough to post every submission and open every stream before the gates let go. */
    private static int gate(int given, FanOutScenario scenario) {
        return given > 0 ? given : 3 + scenario.clients() / 100 + scenario.submissions() / 100;
    }

    private static void add(Table table, FanOutRun.Result r, double baselineCpu) {
        table.add(r.scenario().mode(), r.scenario().label(), r.clients(), r.deliveries(), r.violations(),
                r.latencyMs().p50(), r.latencyMs().p99(), r.toLastClientMs().p50(), r.toLastClientMs().max(),
                r.cpuUsPerOpen(), r.cpuUsPerDelivery(), r.cpuUsPerDelivery() / baselineCpu,
                r.before().threads() + " / " + r.allOpen().threads() + " / " + r.after().threads(),
                r.before().rssKb() / 1024 + " / " + r.allOpen().rssKb() / 1024 + " / " + r.after().rssKb() / 1024,
                r.liveHeapKbAfter() / 1024);
    }

    /** Prints what went wrong, if anything; true when the run must fail. */
    private static boolean report(FanOutRun.Result r) {
        if (r.violations() > 0) {
            System.err.println(r.scenario().label() + ": " + r.violations() + " clients without a complete ordered "
                    + "stream; first: " + r.firstViolation());
        }
        if (r.openedLate() > 0) {
            System.err.println(r.scenario().label() + ": " + r.openedLate() + " clients got events before the last "
                    + "client was in: the gate was too short, raise --gate-seconds");
        }
        return r.violations() > 0 || r.openedLate() > 0;
    }

    /** A few graded and followed submissions, so the app's JIT has compiled the paths being measured. */
    private static void warmUp(GradeStreamClient client, int submissions) {
        String body = Programs.submission("correct", false);
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (var posted : client.submitAll(Collections.nCopies(submissions, body))) {
            for (int i = 0; i < 5; i++) {
                SseReader reader = client.follow(posted.id());
                ends.add(reader.done());
            }
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
    }

    /** After the warm-up's JIT compilations and GCs have settled: the broker's and timers' own cost. */
    private static double idleCpuMsPerSecond(ProcessProbe probe) throws InterruptedException {
        Thread.sleep(IDLE_SAMPLE_MS);
        double before = probe.cpuMs();
        Thread.sleep(IDLE_SAMPLE_MS);
        return (probe.cpuMs() - before) * 1000 / IDLE_SAMPLE_MS;
    }
}
