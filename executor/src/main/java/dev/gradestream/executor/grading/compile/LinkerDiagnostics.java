package dev.gradestream.executor.grading.compile;

import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.protocol.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GNU ld's (bfd) error lines. ld has no structured output, so this is the one place that reads
 * text: only the {@code file:line: message} lines ld writes from the objects' debug info, plus its
 * errors without a place. The "in function" context lines and collect2's summary are dropped.
 */
final class LinkerDiagnostics {
    /** {@code /job/code.c:3: undefined reference to `h'} (the path is the object's compile directory). */
    private static final Pattern PLACED = Pattern.compile("^(?<path>[^:\\s][^:]*):(?<line>\\d+): (?<message>.+)$");
    /** {@code (.text+0x17): undefined reference to `main'}: an object without debug info. */
    private static final Pattern UNPLACED = Pattern.compile("^\\([^)]*\\): (?<message>.+)$");
    private static final Pattern LD_PREFIX = Pattern.compile("^\\S*/?ld(\\.bfd)?: (?<message>.+)$");

    private LinkerDiagnostics() {
    }

    static List<Diagnostic> parse(String output) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (String line : output.split("\n")) {
            Diagnostic diagnostic = parseLine(line.strip());
            if (diagnostic != null) {
                diagnostics.add(diagnostic);
            }
        }
        return diagnostics;
    }

    private static Diagnostic parseLine(String line) {
        Matcher placed = PLACED.matcher(line);
        if (placed.matches() && !line.startsWith("collect2")) {
            String file = SourceNames.userFile(placed.group("path"));
            Integer number = file == null ? null : Integer.valueOf(placed.group("line"));
            return error(file, number, firstClause(placed.group("message")));
        }
        Matcher unplaced = UNPLACED.matcher(line);
        if (unplaced.matches()) {
            return error(null, null, unplaced.group("message"));
        }
        Matcher ld = LD_PREFIX.matcher(line);
        if (ld.matches() && !ld.group("message").endsWith(":")) {
            return error(null, null, ld.group("message"));
        }
        return null;
    }

    /** "multiple definition of `main'; harness.o:…: first defined here": the rest names grader files. */
    private static String firstClause(String message) {
        int semicolon = message.indexOf("; ");
        return semicolon < 0 ? message : message.substring(0, semicolon);
    }

    private static Diagnostic error(String file, Integer line, String message) {
        return new Diagnostic(file, line, null, "error", message, "compiler");
    }
}
