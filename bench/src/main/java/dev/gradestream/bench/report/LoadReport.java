package dev.gradestream.bench.report;

import dev.gradestream.bench.load.LoadShape;
import dev.gradestream.bench.support.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver's report: one table row per load (markdown on stdout, {@code load.csv}), the app's start
 * and memory ({@code app.csv}), each submission's latency ({@code latencies.csv}), the targets of issue #9
 * judged on this run, and PNGs, one of each per Valgrind mode: throughput against concurrency, app and
 * both baselines, and the distribution (CDF) of POST→completed latency, one line per load.
 */
public final class LoadReport {
    /** Issue #9's targets. */
    static final double VALGRIND_MIX_TARGET = 1.2;
    static final double DISTINCT_TARGET = 0.95;
    static final double OVERHEAD_TARGET_MS = 30;
    static final double READY_TARGET_MS = 6000;
    static final double IDLE_RSS_TARGET_MB = 400;

    public static final String ALL_IN_ONE = "all-in-one";
    public static final String EXECUTOR_ALONE = "executor alone";

    /**
     * One start of the app, in a role ({@code all-in-one}, or {@code executor alone}: the jar as the executor
     * pod runs it): time to ready, RSS idle, the largest RSS of the JVM and of the jobs below it (launchers,
     * sandboxes, tools) under load, and RSS after the loads.
     */
    public record AppFigures(String role, String sandbox, int slots, double readyMs, double idleRssMb,
            double idleCpuPercent, double loadedRssMb, double loadedJobsRssMb, double afterRssMb) {
    }

    private final List<LoadRow> rows = new ArrayList<>();
    private final List<AppFigures> apps = new ArrayList<>();

    public void add(LoadRow row) {
        rows.add(row);
    }

    public void add(AppFigures app) {
        apps.add(app);
    }

    public String markdown() {
        return "### Loads\n\n" + loads().markdown() + "\n### The app\n\n" + appTable().markdown() + "\n### Targets\n\n"
                + Targets.judge(rows, apps).markdown();
    }

    /** Writes the CSVs and the PNGs into {@code directory}; returns the files written. */
    public List<Path> write(Path directory) throws IOException {
        List<Path> files = new ArrayList<>(List.of(directory.resolve("load.csv"), directory.resolve("app.csv"),
                directory.resolve("latencies.csv")));
        loads().writeCsv(files.get(0));
        appTable().writeCsv(files.get(1));
        latencies().writeCsv(files.get(2));
        // A chart of each kind per Valgrind mode: their figures are an order of magnitude apart.
        for (boolean valgrind : rows.stream().map(LoadRow::valgrind).distinct().toList()) {
            String mode = "-valgrind-" + (valgrind ? "on" : "off") + ".png";
            Path throughput = directory.resolve("throughput" + mode);
            throughputChart(valgrind).writePng(throughput);
            Path latency = directory.resolve("latency-cdf" + mode);
            latencyChart(valgrind).writePng(latency);
            files.addAll(List.of(throughput, latency));
        }
        return files;
    }

    private Table loads() {
        Table table = new Table("via", "Valgrind", "distinct", "load", "slots", "submissions", "wrong", "app /s",
                "plain loop /s", "replay /s", "app ÷ plain", "app ÷ replay", "p50 ms", "p95 ms", "p99 ms",
                "intake p50 ms", "grading p50 ms", "delivery p50 ms", "compile p50 ms", "tests p50 ms",
                "valgrind p50 ms", "overhead p50 ms", "app CPU ms/sub", "jobs CPU ms/sub", "CPU %", "app RSS max MB",
                "jobs RSS max MB");
        for (LoadRow row : rows) {
            table.add(row.via(), row.valgrind() ? "on" : "off", row.distinct() ? "yes" : "no", row.shape().label(),
                    row.slots(), row.submissions(), row.wrong(), row.appPerSecond(), row.plainPerSecond(),
                    row.replayPerSecond(), row.perPlain(), row.perReplay(), row.latency().p50(), row.latency().p95(),
                    row.latency().p99(), row.intakeP50(), row.gradingP50(), row.deliveryP50(), row.compileP50(),
                    row.testP50(), row.valgrindP50(), row.overheadP50(), row.appCpuMsPerSubmission(),
                    row.jobsCpuMsPerSubmission(), row.cpuPercent(), row.maxRssMb(), row.maxJobsRssMb());
        }
        return table;
    }

    private Table appTable() {
        Table table = new Table("role", "sandbox", "slots", "launch → ready ms", "idle RSS MB", "idle CPU %",
                "RSS under load max MB", "jobs RSS under load max MB", "RSS after the loads MB");
        apps.forEach(app -> table.add(app.role(), app.sandbox(), app.slots(), app.readyMs(), app.idleRssMb(),
                app.idleCpuPercent(), app.loadedRssMb(), app.loadedJobsRssMb(), app.afterRssMb()));
        return table;
    }

    private Table latencies() {
        Table table = new Table("via", "Valgrind", "distinct", "load", "rank", "POST→completed ms");
        for (LoadRow row : rows) {
            double[] sorted = row.latency().sorted();
            for (int i = 0; i < sorted.length; i++) {
                table.add(row.via(), row.valgrind() ? "on" : "off", row.distinct() ? "yes" : "no", row.shape().label(),
                        i + 1, sorted[i]);
            }
        }
        return table;
    }

    private LineChart throughputChart(boolean valgrind) {
        LineChart chart = new LineChart("Throughput vs concurrency, Valgrind " + (valgrind ? "on" : "off") + " ("
                + rows.get(0).slots() + " slots)", "submissions in flight (log scale)", "submissions / s", true)
                .xTicksAtPoints();
        Map<String, List<LoadRow>> groups = new LinkedHashMap<>();
        rows.stream().filter(row -> row.valgrind() == valgrind && row.shape() instanceof LoadShape.Closed)
                .forEach(row -> groups.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row));
        int colour = 0;
        for (Map.Entry<String, List<LoadRow>> group : groups.entrySet()) {
            List<LoadRow> members = group.getValue();
            double[] xs = members.stream().mapToDouble(row -> row.shape().level()).toArray();
            chart.add(new LineChart.Series("app: " + group.getKey(), xs,
                    members.stream().mapToDouble(LoadRow::appPerSecond).toArray(), colour, LineChart.Stroke.SOLID));
            chart.add(new LineChart.Series("plain loop: " + group.getKey(), xs,
                    members.stream().mapToDouble(LoadRow::plainPerSecond).toArray(), colour, LineChart.Stroke.DASHED));
            chart.add(new LineChart.Series("replay: " + group.getKey(), xs,
                    members.stream().mapToDouble(LoadRow::replayPerSecond).toArray(), colour, LineChart.Stroke.DOTTED));
            colour++;
        }
        return chart;
    }

    private LineChart latencyChart(boolean valgrind) {
        LineChart chart = new LineChart("POST → completed latency, distribution, Valgrind " + (valgrind ? "on" : "off"),
                "ms (log scale)", "fraction of submissions", true);
        // A colour per load shape, a stroke per transport and workload, as far as three strokes go.
        List<LoadRow> shown = rows.stream().filter(row -> row.valgrind() == valgrind).toList();
        List<String> shapes = shown.stream().map(row -> row.shape().label()).distinct().toList();
        List<String> groups = shown.stream().map(LoadRow::group).distinct().toList();
        for (LoadRow row : shown) {
            double[] sorted = row.latency().sorted();
            double[] fractions = new double[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                fractions[i] = (i + 1.0) / sorted.length;
            }
            int group = groups.indexOf(row.group());
            chart.add(new LineChart.Series(row.group() + ", " + row.shape().label(), sorted, fractions,
                    shapes.indexOf(row.shape().label()) + shapes.size() * (group / 3),
                    LineChart.Stroke.values()[group % 3]));
        }
        return chart;
    }
}
