package dev.gradestream.bench;

import dev.gradestream.bench.baseline.BaselinePool;
import dev.gradestream.bench.baseline.EngineReplay;
import dev.gradestream.bench.baseline.PlainLoop;
import dev.gradestream.bench.baseline.Replay;
import dev.gradestream.bench.load.HttpTransport;
import dev.gradestream.bench.load.KafkaTransport;
import dev.gradestream.bench.load.LoadCheck;
import dev.gradestream.bench.load.LoadRun;
import dev.gradestream.bench.load.LoadShape;
import dev.gradestream.bench.load.Transport;
import dev.gradestream.bench.report.LoadReport;
import dev.gradestream.bench.report.LoadRow;
import dev.gradestream.bench.support.AppUnderTest;
import dev.gradestream.bench.support.GradeStreamClient;
import dev.gradestream.bench.support.Job;
import dev.gradestream.bench.support.Machine;
import dev.gradestream.bench.support.Options;
import dev.gradestream.bench.support.Programs;
import dev.gradestream.bench.support.ResourceSampler;
import dev.gradestream.bench.support.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Issue #9's load driver. Starts the packaged app, measures its time to ready and its idle RSS, then for
 * each transport ({@code --via http,kafka}), Valgrind mode, workload ({@code --distinct}) and load shape
 * ({@code --concurrency} closed, {@code --rate} open) sends a mix of student-style programs, reads every
 * stream to its end and checks each verdict against the engine's own; and in the same row runs the two
 * baselines with the same parallelism: the plain loop (a naive script's gcc / run / valgrind,
 * {@link PlainLoop}) and the bare replay of the engine's own commands ({@link EngineReplay}).
 *
 * <p>Usage (docs/performance.md, "Load driver (issue #9)"): {@code java -cp
 * "bench/target/gradestream-bench.jar:bench/target/lib/*" dev.gradestream.bench.LoadBenchmark
 * [--submissions 100] [--warmup 8] [--concurrency 1,2,4,8] [--rate R,...] [--via http] (http, kafka or both)
 * [--valgrind on,off] [--distinct off,on] [--sandbox bwrap] [--slots 2] [--mix a,b,...]
 * [--idle-seconds 5] [--executor-alone on] [--out bench/target/load] [--app-jar PATH]}. Exits with 1
 * when any verdict or stream was wrong.
 */
public final class LoadBenchmark {

    private record Settings(int submissions, int warmup, List<LoadShape> shapes, List<String> vias,
            List<Boolean> valgrind, List<Boolean> distinct, int slots, List<String> mix) {
        /** Each program of the mix once. */
        List<String> programs() {
            return List.copyOf(new LinkedHashSet<>(mix));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, "--app-jar", "--submissions", "--warmup", "--concurrency", "--rate",
                "--via", "--valgrind", "--distinct", "--sandbox", "--slots", "--mix", "--idle-seconds", "--executor-alone",
                "--out");
        List<LoadShape> shapes = new ArrayList<>();
        options.list("--concurrency", options.string("--rate", null) == null ? "1,2,4,8" : "").forEach(
                n -> shapes.add(new LoadShape.Closed(Integer.parseInt(n))));
        options.list("--rate", "").forEach(r -> shapes.add(new LoadShape.Open(Double.parseDouble(r))));
        Settings settings = new Settings(options.integer("--submissions", 100), options.integer("--warmup", 8), shapes,
                options.list("--via", "http"), onOff(options.list("--valgrind", "on,off")),
                onOff(options.list("--distinct", "off,on")), options.integer("--slots", 2),
                options.list("--mix", String.join(",", Programs.LOAD_MIX)));
        Path out = Path.of(options.string("--out", "bench/target/load"));
        Machine.requireOpenFiles(2 * settings.submissions() + 256);
        System.out.println("# Load driver (issue #9)\n\n" + Machine.describe() + "; " + settings.submissions()
                + " submissions per load, mix " + settings.mix() + " in turn\n");

        LoadReport report = new LoadReport();
        boolean wrong = false;
        int idleSeconds = options.integer("--idle-seconds", 5);
        for (String sandbox : options.list("--sandbox", "bwrap")) {
            wrong |= runApp(options.appJar(), sandbox, settings, idleSeconds, report);
            if (onOff(List.of(options.string("--executor-alone", "on"))).get(0)) {
                wrong |= executorAlone(options.appJar(), sandbox, settings, idleSeconds, report);
            }
        }
        System.out.println(report.markdown());
        for (Path file : report.write(out)) {
            System.out.println("Wrote " + file);
        }
        System.out.println("End: " + Machine.loadAverage());
        System.exit(wrong ? 1 : 0);
    }

    /** One app: its start and idle figures, then every load against it. True when anything came back wrong. */
    private static boolean runApp(Path jar, String sandbox, Settings settings, int idleSeconds, LoadReport report)
            throws Exception {
        boolean wrong = false;
        Path workRoot = Files.createTempDirectory("gradestream-bench-plain-");
        try (AppUnderTest app = AppUnderTest.start(jar, settings.slots(), List.of("gradestream.sandbox=" + sandbox));
                GradeStreamClient client = new GradeStreamClient(app);
                AppPhase phase = new AppPhase(app, idleSeconds)) {
            System.err.printf("app (sandbox %s) ready in %.0f ms, idle RSS %.0f MB%n", sandbox, app.readyMs(),
                    phase.idleRssMb());
            phase.loadsStart();
            for (boolean valgrind : settings.valgrind()) {
                for (boolean distinct : settings.distinct()) {
                    try (EngineReplay replay = new EngineReplay(settings.programs(), valgrind, distinct)) {
                        PlainLoop plain = new PlainLoop(workRoot, replay::status);
                        System.err.println("the engine alone, Valgrind " + (valgrind ? "on" : "off") + ": "
                                + settings.programs().stream().map(p -> p + ": " + replay.signature(p)).toList());
                        for (String via : settings.vias()) {
                            try (Transport transport = via.equals("kafka") ? new KafkaTransport(app.bootstrapServers())
                                    : new HttpTransport(client)) {
                                wrong |= loads(new LoadRun(transport, client), via, valgrind, distinct, settings, plain,
                                        replay, phase.sampler(), report);
                            }
                        }
                    }
                }
            }
            report.add(phase.figures(LoadReport.ALL_IN_ONE, sandbox, settings.slots()));
        } finally {
            Replay.deleteRecursively(workRoot);
        }
        return wrong;
    }

    /**
     * Executor RSS with all slots busy: the app jar as the executor pod runs it ({@code kafka.bootstrap.servers}
     * set, so no broker of its own), on the broker of an all-in-one app whose own executor is off, under a
     * closed load of twice as many submissions in flight as slots, with Valgrind on when any load had it.
     */
    private static boolean executorAlone(Path jar, String sandbox, Settings settings, int idleSeconds,
            LoadReport report) throws Exception {
        boolean valgrind = settings.valgrind().contains(true);
        try (AppUnderTest front = AppUnderTest.start(jar, settings.slots(),
                        List.of("gradestream.sandbox=" + sandbox, "gradestream.executor.enabled=false"));
                AppUnderTest executor = AppUnderTest.start(jar, settings.slots(),
                        List.of("gradestream.sandbox=" + sandbox, "kafka.bootstrap.servers=" + front.bootstrapServers()));
                GradeStreamClient client = new GradeStreamClient(front);
                AppPhase phase = new AppPhase(executor, idleSeconds);
                EngineReplay replay = new EngineReplay(settings.programs(), valgrind, false)) {
            phase.loadsStart();
            LoadRun.Result result = new LoadRun(new HttpTransport(client), client).run(
                    Workload.of(settings.mix(), Math.max(settings.warmup(), 4 * settings.slots()), valgrind, false),
                    new LoadShape.Closed(2 * settings.slots()));
            report.add(phase.figures(LoadReport.EXECUTOR_ALONE, sandbox, settings.slots()));
            LoadCheck check = new LoadCheck(result.outcomes(), replay::signature);
            if (check.wrong() > 0) {
                System.err.println("executor alone: " + check.wrong() + " wrong; first: " + check.firstWrong());
            }
            return check.wrong() > 0;
        }
    }

    private static boolean loads(LoadRun run, String via, boolean valgrind, boolean distinct, Settings settings,
            PlainLoop plain, EngineReplay replay, ResourceSampler sampler, LoadReport report) throws Exception {
        boolean wrong = false;
        LoadCheck warm = new LoadCheck(run.run(Workload.of(settings.mix(), settings.warmup(), valgrind, distinct),
                new LoadShape.Closed(settings.slots())).outcomes(), replay::signature);
        if (warm.wrong() > 0) {
            System.err.println("warm-up: " + warm.wrong() + " wrong; first: " + warm.firstWrong());
            wrong = true;
        }
        for (LoadShape shape : settings.shapes()) {
            List<Job> jobs = Workload.of(settings.mix(), settings.submissions(), valgrind, distinct);
            int threads = shape instanceof LoadShape.Closed closed ? Math.min(closed.concurrency(), settings.slots())
                    : settings.slots();
            // Baselines right before the app's load, so all three meet about the same load from other processes.
            BaselinePool.Result plainResult = BaselinePool.run(plain, jobs, threads);
            BaselinePool.Result replayResult = BaselinePool.run(replay, jobs, threads);
            LoadRun.Result result = run.run(jobs, shape);
            LoadCheck check = new LoadCheck(result.outcomes(), replay::signature);
            LoadRow row = LoadRow.of(via, valgrind, distinct, shape, settings.slots(), result, check, plainResult,
                    replayResult, sampler.between(result.startMicros(), result.endMicros()));
            report.add(row);
            System.err.printf("%s, %s: app %.2f/s, plain %.2f/s, replay %.2f/s, p50 %.0f ms, wrong %d%s%n", row.group(),
                    shape.label(), row.appPerSecond(), row.plainPerSecond(), row.replayPerSecond(), row.latency().p50(),
                    row.wrong(), row.wrong() > 0 ? " (first: " + row.firstWrong() + ")" : "");
            wrong |= row.wrong() > 0;
        }
        return wrong;
    }

    private static List<Boolean> onOff(List<String> values) {
        return values.stream().map(value -> switch (value) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException("on or off, not " + value);
        }).toList();
    }
}
