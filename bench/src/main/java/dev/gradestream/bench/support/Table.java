package dev.gradestream.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Rows of figures, printed as a markdown table and written as CSV. */
public final class Table {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... columns) {
        this.columns = List.of(columns);
    }

    /** One row; numbers are formatted with at most one decimal, NaN as a dash. */
    public void add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(format(cell));
        }
        rows.add(row);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder(line(columns)).append('\n');
        out.append(line(columns.stream().map(c -> "---").toList())).append('\n');
        rows.forEach(row -> out.append(line(row)).append('\n'));
        return out.toString();
    }

    public void writeCsv(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        lines.add(csv(columns));
        rows.forEach(row -> lines.add(csv(row)));
        Files.write(file, lines);
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String csv(List<String> cells) {
        return cells.stream().map(cell -> cell.contains(",") || cell.contains("\"")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell).collect(Collectors.joining(","));
    }

    private static String format(Object cell) {
        if (cell instanceof Double value) {
            if (value.isNaN()) {
                return "–";
            }
            return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                    : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                    : String.format(Locale.ROOT, "%.2f", value);
        }
        return String.valueOf(cell);
    }
}
