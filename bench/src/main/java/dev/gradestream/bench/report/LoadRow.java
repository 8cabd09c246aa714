package dev.gradestream.bench.report;

import dev.gradestream.bench.baseline.BaselinePool;
import dev.gradestream.bench.load.LoadCheck;
import dev.gradestream.bench.load.LoadRun;
import dev.gradestream.bench.load.LoadShape;
import dev.gradestream.bench.load.Measured;
import dev.gradestream.bench.support.Percentiles;
import dev.gradestream.bench.support.ResourceSampler.Usage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The figures of one load (one transport, Valgrind mode, workload and shape) and its two baselines, as one
 * row of the report.
 *
 * <p><b>Overhead outside the toolchain</b>, per submission: its POST→{@code completed} latency minus the
 * median time the bare replay of the engine's own commands for the same program took in the same row (same
 * parallelism, same moment). It counts what the service adds around the tools: HTTP or the produce, the
 * Kafka hops, the sandbox, the engine's own work, JSON, SSE. It is given only where nothing queues (a
 * closed load with no more in flight than slots); elsewhere the latency also holds the wait for a slot.
 */
public record LoadRow(String via, boolean valgrind, boolean distinct, LoadShape shape, int slots, int submissions,
        int wrong, String firstWrong, double appPerSecond, double plainPerSecond, double replayPerSecond,
        Percentiles latency, double intakeP50, double gradingP50, double deliveryP50, double compileP50,
        double testP50, double valgrindP50, double overheadP50, double appCpuMsPerSubmission,
        double jobsCpuMsPerSubmission, double cpuPercent, double maxRssMb, double maxJobsRssMb) {

    public static LoadRow of(String via, boolean valgrind, boolean distinct, LoadShape shape, int slots,
            LoadRun.Result app, LoadCheck check, BaselinePool.Result plain, BaselinePool.Result replay, Usage usage) {
        List<Measured> measured = check.measured();
        int submissions = app.outcomes().size();
        boolean queues = !(shape instanceof LoadShape.Closed closed) || closed.concurrency() > slots;
        Map<String, Double> bare = medianOwnMs(replay);
        double overhead = queues ? Double.NaN
                : Percentiles.of(measured.stream().map(m -> m.latencyMs() - bare.get(m.program())).toList()).p50();
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoadRow(via, valgrind, distinct, shape, slots, submissions, check.wrong(), check.firstWrong(),
                submissions / app.seconds(), plain.perSecond(), replay.perSecond(),
                Percentiles.of(measured.stream().map(Measured::latencyMs).toList()),
                p50(measured, Measured::intakeMs), p50(measured, Measured::gradingMs), p50(measured, Measured::deliveryMs),
                p50(measured, Measured::compileMs), p50(measured, Measured::testMs), p50(measured, Measured::valgrindMs),
                overhead, usage.cpuMs() / submissions, usage.childrenCpuMs() / submissions,
                100 * (usage.cpuMs() + usage.childrenCpuMs()) / (usage.seconds() * 1000 * cores),
                usage.maxRssKb() / 1024.0, usage.maxDescendantsRssKb() / 1024.0);
    }

    public double perPlain() {
        return appPerSecond / plainPerSecond;
    }

    public double perReplay() {
        return appPerSecond / replayPerSecond;
    }

    /** e.g. {@code http, Valgrind on, distinct}: what the rows of one line of a plot share. */
    public String group() {
        return via + ", Valgrind " + (valgrind ? "on" : "off") + (distinct ? ", distinct" : "");
    }

    private static Map<String, Double> medianOwnMs(BaselinePool.Result baseline) {
        Map<String, List<Double>> byProgram = baseline.timings().stream().collect(Collectors.groupingBy(
                BaselinePool.Timing::program, HashMap::new, Collectors.mapping(BaselinePool.Timing::ownMs, Collectors.toList())));
        Map<String, Double> medians = new HashMap<>();
        byProgram.forEach((program, times) -> medians.put(program, Percentiles.of(times).p50()));
        return medians;
    }

    private static double p50(List<Measured> measured, ToDoubleFunction<Measured> figure) {
        return Percentiles.of(measured.stream().mapToDouble(figure).toArray()).p50();
    }
}
