package dev.gradestream.bench.report;

import dev.gradestream.bench.load.LoadShape;
import dev.gradestream.bench.support.Table;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #9's targets judged on one run. Throughput is judged at the most concurrent closed load of each
 * group (the service saturated), against the plain loop of the same row; the overhead at the least
 * concurrent load where nothing queues, without Valgrind only: the replay's Valgrind reads the host's full
 * debug info and the sandboxed one a symbols-only copy ~70 ms cheaper, so with Valgrind the "overhead"
 * would subtract a toolchain saving from the service's cost and could even go below zero.
 */
final class Targets {
    private Targets() {
    }

    static Table judge(List<LoadRow> rows, List<LoadReport.AppFigures> apps) {
        Table table = new Table("target", "load", "measured", "met");
        for (LoadRow row : mostConcurrentPerGroup(rows)) {
            if (row.distinct()) {
                met(table, "throughput ≥ " + LoadReport.DISTINCT_TARGET + " × plain loop, distinct programs", row,
                        row.perPlain(), row.perPlain() >= LoadReport.DISTINCT_TARGET);
            } else if (row.valgrind()) {
                met(table, "throughput ≥ " + LoadReport.VALGRIND_MIX_TARGET + " × plain loop, mix with Valgrind", row,
                        row.perPlain(), row.perPlain() >= LoadReport.VALGRIND_MIX_TARGET);
            }
        }
        for (LoadRow row : leastConcurrentWithOverhead(rows.stream().filter(row -> !row.valgrind()).toList())) {
            met(table, "overhead outside the toolchain ≤ " + (int) LoadReport.OVERHEAD_TARGET_MS + " ms p50", row,
                    row.overheadP50(), row.overheadP50() <= LoadReport.OVERHEAD_TARGET_MS);
        }
        for (LoadReport.AppFigures app : apps.stream().filter(app -> app.role().equals(LoadReport.ALL_IN_ONE)).toList()) {
            String where = "app, sandbox " + app.sandbox() + ", " + app.slots() + " slots";
            table.add("ready ≤ " + (int) LoadReport.READY_TARGET_MS + " ms from launch", where, app.readyMs(),
                    app.readyMs() <= LoadReport.READY_TARGET_MS ? "yes" : "no");
            table.add("idle RSS ≤ " + (int) LoadReport.IDLE_RSS_TARGET_MB + " MB", where, app.idleRssMb(),
                    app.idleRssMb() <= LoadReport.IDLE_RSS_TARGET_MB ? "yes" : "no");
        }
        return table;
    }

    private static void met(Table table, String target, LoadRow row, double value, boolean met) {
        table.add(target, row.group() + ", " + row.shape().label(), value, met ? "yes" : "no");
    }

    private static List<LoadRow> mostConcurrentPerGroup(List<LoadRow> rows) {
        return pick(rows.stream().filter(row -> row.shape() instanceof LoadShape.Closed).toList(),
                Comparator.comparingDouble(row -> row.shape().level()));
    }

    private static List<LoadRow> leastConcurrentWithOverhead(List<LoadRow> rows) {
        return pick(rows.stream().filter(row -> !Double.isNaN(row.overheadP50())).toList(),
                Comparator.<LoadRow>comparingDouble(row -> row.shape().level()).reversed());
    }

    /** Per group, the row that {@code order} puts last. */
    private static List<LoadRow> pick(List<LoadRow> rows, Comparator<LoadRow> order) {
        Map<String, LoadRow> best = new LinkedHashMap<>();
        for (LoadRow row : rows) {
            best.merge(row.group(), row, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        return List.copyOf(best.values());
    }

}
