package dev.gradestream.executor.grading.valgrind;

import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.StackFrame;
import dev.gradestream.protocol.model.ValgrindError;
import dev.gradestream.protocol.model.ValgrindReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the per-process reports of one Valgrind run into the structured report, the seed's one-string
 * summary and a diagnostic per finding. Findings are attributed to the test whose process they come
 * from; the harness's own process (no test) should have none.
 */
final class ValgrindFindings {
    static final String CLEAN = "no memory errors, no leaks";

    /**
     * Still-reachable blocks are not leaks, and indirectly-lost ones are already counted in the
     * definitely-lost record that owns them: both only go into the totals, like memcheck's default output.
     */
    private static final List<String> TOTALS_ONLY = List.of("Leak_StillReachable", "Leak_IndirectlyLost");

    /**
     * memcheck's own words for a record that owns indirectly lost blocks: "48 (16 direct, 32 indirect)
     * bytes in 1 blocks are definitely lost". The XML has no field for the split; leakedbytes is the sum.
     */
    private static final Pattern DIRECT_INDIRECT = Pattern.compile("^\\d+ \\((\\d+) direct, (\\d+) indirect\\) bytes in ");

    private final List<ValgrindError> errors = new ArrayList<>();
    private final LeakTally leaks = new LeakTally();

    void add(ValgrindXml.Report report, Map<Long, Integer> testByPid) {
        leaks.add(report);
        Integer test = report.pid() == null ? null : testByPid.get(report.pid());
        for (ValgrindXml.Finding finding : report.findings()) {
            if (!TOTALS_ONLY.contains(finding.kind())) {
                errors.add(new ValgrindError(finding.kind(), finding.message(), test, finding.bytes(),
                        finding.blocks(), finding.frames()));
            }
        }
    }

    /** Findings in test order; those outside any test last. The sort is stable within a process. */
    ValgrindReport report() {
        List<ValgrindError> sorted = errors.stream()
                .sorted(Comparator.comparing(ValgrindError::test, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new ValgrindReport(true, sorted, leaks.totals());
    }

    static String summary(ValgrindReport report) {
        if (report.errors().isEmpty()) {
            return CLEAN;
        }
        return String.join("\n", report.errors().stream().map(ValgrindFindings::describe).toList());
    }

    static List<Diagnostic> diagnostics(ValgrindReport report) {
        return report.errors().stream().map(error -> {
            StackFrame frame = error.frames().isEmpty() ? null : error.frames().get(0);
            return new Diagnostic(frame == null ? null : frame.file(), frame == null ? null : frame.line(), null,
                    error.kind().startsWith("Leak_") ? "warning" : "error", describe(error), "valgrind");
        }).toList();
    }

    /**
     * "test 2: 40 bytes in 1 block definitely lost, allocated at line 14 in make_list", or
     * "test 3: invalid read of size 4 at line 7 in get". A record whose bytes include blocks lost only
     * through it says so apart: "48 bytes in 1 block" would describe a 16-byte block as a 48-byte one.
     */
    static String describe(ValgrindError error) {
        String prefix = error.test() == null ? "" : "test " + error.test() + ": ";
        String where = error.frames().isEmpty() ? null : place(error.frames().get(0));
        if (error.kind().startsWith("Leak_") && error.bytes() != null && error.blocks() != null) {
            String kind = error.kind().substring("Leak_".length()).replace("Lost", " lost").toLowerCase(Locale.ROOT);
            Matcher split = DIRECT_INDIRECT.matcher(error.message());
            boolean ownsOthers = split.find();
            long bytes = ownsOthers ? Long.parseLong(split.group(1)) : error.bytes();
            String indirect = !ownsOthers ? "" : "; " + split.group(2) + " more bytes indirectly lost through "
                    + (error.blocks() == 1 ? "it" : "them");
            return prefix + bytes + " bytes in " + error.blocks() + (error.blocks() == 1 ? " block " : " blocks ")
                    + kind + (where == null ? "" : ", allocated at " + where) + indirect;
        }
        String what = error.message().isEmpty() ? error.kind()
                : Character.toLowerCase(error.message().charAt(0)) + error.message().substring(1);
        return prefix + what + (where == null ? "" : " at " + where);
    }

    private static String place(StackFrame frame) {
        return frame.file().equals(Diagnostic.TESTS) ? "tests line " + frame.line()
                : "line " + frame.line() + (frame.function() == null ? "" : " in " + frame.function());
    }
}
