package dev.gradestream.bench;

import dev.gradestream.bench.baseline.RecordingProcessRunner;
import dev.gradestream.bench.baseline.Replay;
import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.build.BuildOptions;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issue #3: the grading engine's overhead over the bare tool invocations it makes, measured in one run on
 * the same submission. For each scenario, one grading through a recording {@link
 * dev.gradestream.executor.grading.ProcessRunner} captures the command lines the engine launches and the
 * job directory it prepared; the baseline ({@link Replay}) then re-runs exactly those commands with a bare
 * ProcessBuilder. Engine and baseline iterations alternate (ABAB…, the order swapped every round) after
 * a warm-up of both, so the JIT is warm and load from other processes falls on both alike. Every measured
 * grading is checked: its verdict, and that it launched the very commands the baseline replays.
 *
 * <p>A plain main rather than JMH: one grading takes 0.1–1 s and is dominated by child processes, so JMH's
 * machinery for nanosecond-scale code buys nothing, while its forks and per-method iterations would
 * measure engine and baseline at different moments, which is what interleaving avoids.
 *
 * <p>Usage: {@code java -jar bench/target/gradestream-bench.jar [--rounds N] [--warmup N] [--max-overhead PCT]
 * [--only TEXT]} ({@code --only} keeps the scenarios whose name contains TEXT, e.g. "Valgrind off").
 * Exits with 1 when a check fails (valgrind launched other than once per submission, a wrong verdict)
 * or when the overhead of the tiny submission is above the limit (default 10 %).
 */
public final class EngineOverheadBenchmark {
    private static final EventSink DISCARD = (type, data) -> { };
    private static final String CODE = "int add(int a, int b) {\n    return a + b;\n}\n";

    private record Scenario(String name, Submission submission, int valgrindLaunches, boolean gated) {
    }

    private record Result(Scenario scenario, int launchesPerGrade, int valgrindPerGrade, Stats engine,
            Stats baseline, Stats pairedRatio, Stats outsideLaunches, String breakdown) {
        double ratio() {
            return engine.median() / baseline.median();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = intOption(args, "--rounds", 30);
        int warmup = intOption(args, "--warmup", 30);
        double maxOverheadPercent = intOption(args, "--max-overhead", 10);
        String only = stringOption(args, "--only", "");

        Path workRoot = Files.createTempDirectory("gradestream-bench-");
        // Every round grades the same submission: with the build cache on, all but the first would build nothing.
        GradingConfig config = GradingConfig.defaults().withWorkRoot(workRoot)
                .withBuild(BuildOptions.defaults().withCache(false, 0));
        RecordingProcessRunner runner = new RecordingProcessRunner(new LocalProcessRunner());
        GradingEngine engine = new GradingEngine(config, runner);
        List<Scenario> scenarios = List.of(
                new Scenario("tiny, 3 tests, Valgrind on", submission(3, true), 1, true),
                new Scenario("tiny, 3 tests, Valgrind off", submission(3, false), 0, true),
                new Scenario("tiny, 10 tests, Valgrind on", submission(10, true), 1, false));

        System.out.println(header(rounds, warmup));
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (Scenario scenario : scenarios) {
                if (!scenario.name().contains(only)) {
                    continue;
                }
                results.add(measure(scenario, engine, runner, config, workRoot, rounds, warmup, failures));
            }
        } finally {
            Replay.deleteRecursively(workRoot);
        }
        System.out.println(table(results));
        results.forEach(r -> System.out.println(r.breakdown()));
        System.out.println("load average after: " + loadAverage());
        for (Result result : results) {
            double overhead = (result.ratio() - 1) * 100;
            if (result.scenario().gated() && overhead > maxOverheadPercent) {
                failures.add(String.format(Locale.ROOT, "%s: engine overhead %.1f %% is above %.0f %%",
                        result.scenario().name(), overhead, maxOverheadPercent));
            }
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("FAILED: " + f));
            System.exit(1);
        }
        System.out.println("OK: Valgrind launched exactly once per grading with Valgrind on (never per test), "
                + "and the engine's overhead on the tiny submission is within " + (int) maxOverheadPercent + " %.");
    }

    private static Result measure(Scenario scenario, GradingEngine engine, RecordingProcessRunner runner,
            GradingConfig config, Path workRoot, int rounds, int warmup, List<String> failures)
            throws IOException, InterruptedException {
        System.err.println("== " + scenario.name());
        for (int i = 0; i < warmup; i++) {
            gradeChecked(scenario, engine);
        }
        runner.take();

        // The recording grading: its launches and its prepared job directory make the baseline.
        Path inputs = Files.createTempDirectory(workRoot, "inputs-");
        runner.snapshotNextJobInto(inputs);
        gradeChecked(scenario, engine);
        Replay replay = new Replay(runner.take(), inputs);
        int valgrindLaunches = (int) replay.launches().stream().filter(l -> l.isValgrind(config.valgrind())).count();
        if (valgrindLaunches != scenario.valgrindLaunches()) {
            failures.add(scenario.name() + ": Valgrind was launched " + valgrindLaunches + " times in one grading, "
                    + "expected " + scenario.valgrindLaunches());
        }
        System.err.println("   launches per grading:");
        replay.launches().forEach(l -> System.err.println("     " + String.join(" ", l.command())));

        int launches = replay.launches().size();
        for (int i = 0; i < warmup; i++) {
            replay.runOnce(workRoot, new long[launches]);
        }
        long[] engineNanos = new long[rounds];
        long[] baselineNanos = new long[rounds];
        long[] outsideNanos = new long[rounds];
        // Per round: the engine's own work before, between and after its launches; each launch's time
        // through the engine's runner and through the bare baseline.
        long[][] gaps = new long[rounds][launches + 1];
        long[][] engineLaunch = new long[rounds][launches];
        long[][] bareLaunch = new long[rounds][launches];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                engineNanos[round] = timedGrade(scenario, engine, runner, replay, round, outsideNanos, gaps,
                        engineLaunch);
                baselineNanos[round] = replay.runOnce(workRoot, bareLaunch[round]);
            } else {
                baselineNanos[round] = replay.runOnce(workRoot, bareLaunch[round]);
                engineNanos[round] = timedGrade(scenario, engine, runner, replay, round, outsideNanos, gaps,
                        engineLaunch);
            }
            System.err.printf(Locale.ROOT, "   round %2d: engine %7.1f ms, baseline %7.1f ms%n", round + 1,
                    engineNanos[round] / 1e6, baselineNanos[round] / 1e6);
        }
        double[] ratios = IntStream.range(0, rounds).mapToDouble(i -> (double) engineNanos[i] / baselineNanos[i])
                .toArray();
        return new Result(scenario, launches, valgrindLaunches, Stats.ofNanos(engineNanos),
                Stats.ofNanos(baselineNanos), Stats.of(ratios), Stats.ofNanos(outsideNanos),
                breakdown(scenario, replay, gaps, engineLaunch, bareLaunch));
    }

    /** Where the engine's time goes, step by step (medians over the rounds). */
    private static String breakdown(Scenario scenario, Replay replay, long[][] gaps, long[][] engineLaunch,
            long[][] bareLaunch) {
        StringBuilder text = new StringBuilder("Where the time goes, " + scenario.name() + " (medians, ms):\n");
        text.append("| step | engine | bare |\n|---|---|---|\n");
        List<RecordingProcessRunner.Launch> launches = replay.launches();
        for (int i = 0; i <= launches.size(); i++) {
            String before = i == 0 ? "start of grade()" : "`" + shortName(launches.get(i - 1)) + "`";
            String after = i == launches.size() ? "end of grade()" : "`" + shortName(launches.get(i)) + "`";
            text.append(String.format(Locale.ROOT, "| engine's own work between %s and %s | %.2f | – |%n", before,
                    after, Stats.ofNanos(column(gaps, i)).median()));
            if (i < launches.size()) {
                text.append(String.format(Locale.ROOT, "| launch `%s` | %.2f | %.2f |%n", shortName(launches.get(i)),
                        Stats.ofNanos(column(engineLaunch, i)).median(), Stats.ofNanos(column(bareLaunch, i)).median()));
            }
        }
        return text.toString();
    }

    private static String shortName(RecordingProcessRunner.Launch launch) {
        List<String> command = launch.command();
        String name = command.get(0);
        return name.equals("gcc") || name.equals("g++") ? name + (command.contains("-c") ? " -c" : " (link)") : name;
    }

    private static long[] column(long[][] rows, int column) {
        return Arrays.stream(rows).mapToLong(row -> row[column]).toArray();
    }

    /** A launch's command, without the random marker each one-launch build script carries. */
    private static List<String> command(RecordingProcessRunner.Launch launch) {
        return launch.command().stream().map(arg -> arg.replaceAll("gs-step-[0-9a-f]{32}", "gs-step-*")).toList();
    }

    /** One measured grading; checks that it launched exactly what the baseline replays. */
    private static long timedGrade(Scenario scenario, GradingEngine engine, RecordingProcessRunner runner,
            Replay replay, int round, long[] outsideNanos, long[][] gaps, long[][] launchNanos) {
        long started = System.nanoTime();
        gradeChecked(scenario, engine);
        long ended = System.nanoTime();
        long elapsed = ended - started;
        List<RecordingProcessRunner.Launch> launches = runner.take();
        List<List<String>> commands = launches.stream().map(EngineOverheadBenchmark::command).toList();
        if (!commands.equals(replay.launches().stream().map(EngineOverheadBenchmark::command).toList())) {
            throw new IllegalStateException("the engine launched " + commands + ", not what the baseline replays");
        }
        outsideNanos[round] = elapsed - launches.stream().mapToLong(RecordingProcessRunner.Launch::nanos).sum();
        long last = started;
        for (int i = 0; i < launches.size(); i++) {
            gaps[round][i] = launches.get(i).started() - last;
            launchNanos[round][i] = launches.get(i).nanos();
            last = launches.get(i).ended();
        }
        gaps[round][launches.size()] = ended - last;
        return elapsed;
    }

    private static void gradeChecked(Scenario scenario, GradingEngine engine) {
        Verdict verdict = engine.grade(scenario.submission(), null, DISCARD);
        if (verdict.status() != VerdictStatus.PASSED) {
            throw new IllegalStateException(scenario.name() + ": expected a passed verdict, got " + verdict.status()
                    + " " + verdict.formattedResponse());
        }
    }

    private static Submission submission(int tests, boolean valgrind) {
        String lines = IntStream.rangeClosed(1, tests)
                .mapToObj(i -> "assert(add(" + i + ", " + (i * 2) + ") == " + (i * 3) + ");")
                .collect(Collectors.joining("\n", "", "\n"));
        return new Submission(null, null, CODE, lines, null, null, null, null, null, valgrind, null, null, null, null);
    }

    private static String header(int rounds, int warmup) {
        return String.format(Locale.ROOT, """
                Grading engine overhead (issue #3)
                date: %s
                machine: %d cores (nproc), %s
                java: %s %s
                load average before: %s
                rounds: %d measured per scenario (engine and baseline alternating, order swapped each round), \
                after %d warm-up gradings and %d warm-up baseline runs
                """, ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage(), rounds, warmup, warmup);
    }

    private static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | launches per grading | Valgrind launches per grading | engine median (p90) ms "
                + "| baseline median (p90) ms | engine / baseline (medians) | median of paired ratios "
                + "| overhead | engine time outside launches, median ms |\n");
        table.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f (%.1f) | %.1f (%.1f) | %.3f | %.3f | %+.1f %% | %.1f |%n",
                    r.scenario().name(), r.launchesPerGrade(), r.valgrindPerGrade(), r.engine().median(),
                    r.engine().p90(), r.baseline().median(), r.baseline().p90(), r.ratio(), r.pairedRatio().median(),
                    (r.ratio() - 1) * 100, r.outsideLaunches().median()));
        }
        return table.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.copyOf(fields, 3)) + " (1, 5, 15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(stringOption(args, name, Integer.toString(fallback)));
    }

    private static String stringOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Median and 90th percentile (nearest rank) of a sample; durations in milliseconds. */
    record Stats(double median, double p90) {
        static Stats ofNanos(long[] nanos) {
            return of(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
        }

        static Stats of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            double p90 = sorted[Math.max(0, (int) Math.ceil(0.9 * n) - 1)];
            return new Stats(median, p90);
        }
    }
}
