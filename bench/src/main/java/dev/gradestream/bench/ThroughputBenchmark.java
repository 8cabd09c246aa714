package dev.gradestream.bench;

import dev.gradestream.bench.support.AppUnderTest;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.Machine;
import dev.gradestream.bench.support.Options;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.Table;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Issue #6: submissions per second through the packaged app, against a plain loop in the same run. A
 * batch of tiny submissions (the mix of {@link Programs#MIX}: correct, a failing test, a leak, a compile
 * error) is POSTed at once and each stream read to its end, with Valgrind on and off, for each slot count
 * and sandbox mode (a fresh app for each pair). The baseline ({@link BaselineBatch}) runs the plain loop's
 * gcc, run and Valgrind for each submission on as many threads as slots, without the sandbox, right before
 * each of the app's batches (the app idle meanwhile), so both meet the same load from other processes.
 *
 * <p>Usage: {@code java -cp "bench/target/gradestream-bench.jar:bench/target/lib/*"
 * dev.gradestream.bench.ThroughputBenchmark [--app-jar PATH] [--submissions 200] [--slots 1,2]
 * [--valgrind on,off] [--sandbox bwrap,none] [--warmup 8] [--csv FILE]}. Exits with 1 when a stream was
 * incomplete or a verdict differed from the engine's own for that program.
 */
public final class ThroughputBenchmark {
    private static final double TARGET = 0.9;

    private record Key(String sandbox, boolean valgrind, int slots) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, "--app-jar", "--submissions", "--slots", "--valgrind", "--sandbox",
                "--warmup", "--csv");
        int submissions = options.integer("--submissions", 200);
        List<Integer> slotCounts = options.list("--slots", "1,2").stream().map(Integer::parseInt).toList();
        List<Boolean> valgrindModes = options.list("--valgrind", "on,off").stream().map(v -> v.equals("on")).toList();
        List<String> sandboxes = options.list("--sandbox", "bwrap,none");
        int warmup = options.integer("--warmup", 8);
        Path csv = Path.of(options.string("--csv", "bench/target/throughput.csv"));
        List<String> batch = mix(submissions);

        System.out.println("# Throughput (issue #6)\n\n" + Machine.describe() + "; " + submissions
                + " submissions per batch, " + Programs.MIX + " in turn\n");
        Map<Boolean, BaselineBatch> baselines = new HashMap<>();
        for (boolean valgrind : valgrindModes) {
            baselines.put(valgrind, new BaselineBatch(Programs.MIX, valgrind));
        }
        Map<Key, BatchResult> app = new HashMap<>();
        Map<Key, BatchResult> bare = new HashMap<>();
        boolean failed = false;
        try {
            for (int slots : slotCounts) {
                for (String sandbox : sandboxes) {
                    try (AppUnderTest running = AppUnderTest.start(options.appJar(), slots,
                            List.of("gradestream.sandbox=" + sandbox));
                            GradeStreamClient client = new GradeStreamClient(running)) {
                        AppBatch appBatch = new AppBatch(client);
                        for (boolean valgrind : valgrindModes) {
                            // Right before the app's batch, so both see the same load from other processes.
                            Key key = new Key(sandbox, valgrind, slots);
                            BaselineBatch baseline = baselines.get(valgrind);
                            bare.put(key, baseline.run(batch, slots));
                            report("baseline for " + key, bare.get(key));
                            failed |= report("warm-up", appBatch.run(mix(warmup), valgrind, baseline::status));
                            app.put(key, appBatch.run(batch, valgrind, baseline::status));
                            failed |= report("app " + key, app.get(key));
                        }
                    }
                }
            }
        } finally {
            for (BaselineBatch baseline : baselines.values()) {
                baseline.close();
            }
        }
        Table table = table(app, bare, slotCounts);
        System.out.println(table.markdown());
        table.writeCsv(csv);
        System.out.println("CSV: " + csv + "\nEnd: " + Machine.loadAverage());
        System.exit(failed ? 1 : 0);
    }

    private static Table table(Map<Key, BatchResult> app, Map<Key, BatchResult> bare, List<Integer> slotCounts) {
        Table table = new Table("sandbox", "Valgrind", "slots", "submissions", "app /s", "baseline /s",
                "app ÷ baseline", "≥ " + TARGET, "app POST→completed p50 ms", "p99 ms", "baseline p50 ms",
                "p99 ms", "app speed-up 1→2 slots", "baseline speed-up", "wrong");
        int fewest = slotCounts.stream().min(Integer::compare).orElseThrow();
        app.keySet().stream().sorted(java.util.Comparator.comparing(Key::sandbox)
                .thenComparing(key -> !key.valgrind()).thenComparing(Key::slots)).forEach(key -> {
            BatchResult a = app.get(key);
            BatchResult b = bare.get(key);
            Key fewestKey = new Key(key.sandbox(), key.valgrind(), fewest);
            BatchResult aOne = app.get(fewestKey);
            BatchResult bOne = bare.get(fewestKey);
            double ratio = a.perSecond() / b.perSecond();
            table.add(key.sandbox(), onOff(key.valgrind()), key.slots(), a.submissions(), a.perSecond(),
                    b.perSecond(), ratio, ratio >= TARGET ? "yes" : "no", a.latencyMs().p50(), a.latencyMs().p99(),
                    b.latencyMs().p50(), b.latencyMs().p99(),
                    key.slots() == fewest ? Double.NaN : a.perSecond() / aOne.perSecond(),
                    key.slots() == fewest ? Double.NaN : b.perSecond() / bOne.perSecond(), a.violations());
        });
        return table;
    }

    /** The mix in turn: submission i is program i mod 4, so every program is a quarter of the batch. */
    private static List<String> mix(int submissions) {
        return IntStream.range(0, submissions).mapToObj(i -> Programs.MIX.get(i % Programs.MIX.size())).toList();
    }

    private static boolean report(String what, BatchResult result) {
        if (result.violations() > 0) {
            System.err.println(what + ": " + result.violations() + " wrong; first: " + result.firstViolation());
        }
        System.err.printf("%s: %.2f/s, p50 %.0f ms%n", what, result.perSecond(), result.latencyMs().p50());
        return result.violations() > 0;
    }

    private static String onOff(boolean valgrind) {
        return valgrind ? "on" : "off";
    }
}
