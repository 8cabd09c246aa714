package dev.gradestream.executor.grading.compile;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.prepare.Mode;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.build.BuildRecord;
import dev.gradestream.executor.grading.build.Builder;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.VerdictStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles the job's unit to an object and links it, as two steps that report apart, so that "does not
 * compile" and "does not link" stay two answers, however the {@link Builder} ran them (one launch, two,
 * or none on a cache hit). Emits {@code compiled} or {@code compile-failed}.
 */
public final class CompileStage {
    private final GradingConfig config;
    private final Builder builder;

    public CompileStage(GradingConfig config, Builder builder) {
        this.config = config;
        this.builder = builder;
    }

    public CompileOutcome compile(PreparedJob job, EventSink sink) throws IOException, InterruptedException {
        long started = System.nanoTime();
        CompileOutcome outcome = build(job, started);
        sink.emit(outcome.failed() ? EventType.COMPILE_FAILED : EventType.COMPILED, outcome.eventData());
        return outcome;
    }

    private CompileOutcome build(PreparedJob job, long started) throws IOException, InterruptedException {
        String compiler = job.language() == Language.CPP ? config.cxx() : config.cc();
        BuildRecord record = builder.build(job, compiler, j -> j.mode() == Mode.TESTS || definesMain(j));
        ProcessResult compiled = record.compile();
        List<Diagnostic> diagnostics = new ArrayList<>(GccDiagnostics.parse(compiled.stderr()));
        if (!compiled.succeeded()) {
            diagnostics.addAll(fallback(compiled, diagnostics, "compilation"));
            return new CompileOutcome(false, false, VerdictStatus.COMPILE_ERROR, diagnostics, since(started));
        }
        if (job.mode() == Mode.PROGRAM && !definesMain(job)) {
            diagnostics.add(new Diagnostic(null, null, null, "note",
                    "the code has no main() and there are no tests to run: it was compiled only", "compiler"));
            return new CompileOutcome(true, false, null, diagnostics, since(started));
        }
        ProcessResult linked = record.link();
        if (linked == null) {
            throw new IllegalStateException("the build compiled the code but did not link it");
        }
        if (!linked.succeeded()) {
            List<Diagnostic> linkDiagnostics = explainMain(job, LinkerDiagnostics.parse(linked.stderr()));
            diagnostics.addAll(linkDiagnostics);
            diagnostics.addAll(fallback(linked, linkDiagnostics, "linking"));
            return new CompileOutcome(true, false, VerdictStatus.LINK_ERROR, diagnostics, since(started));
        }
        return new CompileOutcome(true, true, null, diagnostics, since(started));
    }

    /** Reads the object's own symbol table; when it cannot be read, linking decides. */
    private static boolean definesMain(PreparedJob job) throws IOException {
        Optional<ElfSymbols> symbols = ElfSymbols.read(job.dir().resolve(SourceNames.OBJECT));
        return symbols.map(s -> s.defined().contains("main")).orElse(true);
    }

    /** A second main() with tests is the user's mistake, not a linker puzzle: say so in those words. */
    private static List<Diagnostic> explainMain(PreparedJob job, List<Diagnostic> diagnostics) {
        if (job.mode() != Mode.TESTS) {
            return diagnostics;
        }
        return diagnostics.stream()
                .map(d -> d.message().startsWith("multiple definition of `main'")
                        ? new Diagnostic(d.file(), d.line(), d.column(), d.severity(),
                                "main() must not be defined when tests are given: the tests are run by the "
                                        + "grader's own main()", d.source())
                        : d)
                .toList();
    }

    /** When a tool failed without saying why in a form we read, its own words are better than nothing. */
    private static List<Diagnostic> fallback(ProcessResult result, List<Diagnostic> found, String step) {
        if (result.timedOut()) {
            return List.of(error(step + " took longer than " + Builder.WALL_CLOCK.toSeconds() + " s and was stopped"));
        }
        if (result.outputTruncated()) {
            return List.of(error(step + " produced more than " + (Builder.OUTPUT_CAP >> 20) + " MiB of diagnostics"));
        }
        if (found.stream().anyMatch(d -> d.severity().equals("error"))) {
            return List.of();
        }
        String text = result.stderr().strip();
        return List.of(error(step + " failed" + (text.isEmpty() ? "" : ": " + abbreviate(text))));
    }

    private static Diagnostic error(String message) {
        return new Diagnostic(null, null, null, "error", message, "compiler");
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
