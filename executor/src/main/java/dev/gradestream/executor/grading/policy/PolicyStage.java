package dev.gradestream.executor.grading.policy;

import dev.gradestream.executor.grading.build.BuildScript;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a submission's blacklist and whitelist on what its object code really refers to, not on its
 * text: the user's code alone (no harness, no tests) is compiled with {@code -fno-builtin}, so that
 * calls stay calls, and its relocations say which functions it uses and, through the debug line
 * table, on which of the user's lines. A name in a comment, a string or a longer identifier is never
 * a reference; a call built by a macro or token pasting always is.
 *
 * <p>Every tool runs through the given {@link ProcessRunner}, with relative paths inside
 * {@code <jobDir>/policy}, so that a sandboxing runner can wrap each launch.
 */
public final class PolicyStage {
    static final String DIRECTORY = "policy";
    private static final String OBJECT = "code.o";
    /** Generous: a pathological template or macro can make the compiler itself slow. */
    private static final Duration COMPILE_CLOCK = Duration.ofSeconds(30);
    private static final Duration TOOL_CLOCK = Duration.ofSeconds(10);
    private static final long COMPILER_OUTPUT_CAP = 1L << 20;
    private static final long LISTING_CAP = 64L << 20;

    private final ProcessRunner runner;
    private final String cc;
    private final String cxx;
    private final String readelf;
    private final String addr2line;

    public PolicyStage(ProcessRunner runner, String cc, String cxx) {
        this(runner, cc, cxx, "readelf", "addr2line");
    }

    public PolicyStage(ProcessRunner runner, String cc, String cxx, String readelf, String addr2line) {
        this.runner = runner;
        this.cc = cc;
        this.cxx = cxx;
        this.readelf = readelf;
        this.addr2line = addr2line;
    }

    /**
     * @param jobDir a writable directory; the stage works in its {@code policy} subdirectory
     * @throws IOException when the files cannot be written or a tool cannot be started at all
     */
    public PolicyOutcome check(Path jobDir, Submission submission) throws IOException, InterruptedException {
        long started = System.nanoTime();
        boolean cplusplus = submission.language() == Language.CPP;
        Path dir = Files.createDirectories(jobDir.resolve(DIRECTORY));
        String code = submission.code() == null ? "" : submission.code();
        String sourceFile = "code." + (cplusplus ? Language.CPP : Language.C).fileExtension();
        // The #line makes the debug info name the user's lines as "code", counted from the user's first.
        Files.writeString(dir.resolve(sourceFile), "#line 1 \"code\"\n" + code + (code.endsWith("\n") ? "" : "\n"),
                StandardCharsets.UTF_8);
        List<String> listCommand = new ArrayList<>(List.of(readelf, "-W", "-S", "-s", "-r"));
        if (cplusplus) {
            listCommand.add("-C");
        }
        listCommand.add(OBJECT);
        Optional<ProcessResult> listed = compileAndList(compileCommand(cplusplus, sourceFile), listCommand, dir);
        if (listed.isEmpty()) {
            return PolicyOutcome.notJudged(since(started));
        }
        ProcessResult listing = listed.get();
        SourceIndex source = SourceIndex.of(code);
        ObjectReferences.Found found = ObjectReferences.find(ElfListing.parse(listing.stdout()), cplusplus, source,
                new Addr2Line(runner, addr2line, dir, OBJECT));
        PolicyRules rules = new PolicyRules(submission.blacklisted(), submission.whitelisted());
        List<Diagnostic> violations = rules.active()
                ? rules.judge(found.references(), source.includes(), cplusplus)
                : List.of();
        return new PolicyOutcome(true, violations, referencedFunctions(found.references()), found.definedFunctions(),
                found.definesMain(), since(started));
    }

    /**
     * -gdwarf-4 because addr2line 2.40 misnames files in DWARF 5 line tables; -fPIE pins the relocation
     * kinds that tell a call from a variable; -w because warnings are the compile stage's to report.
     */
    private List<String> compileCommand(boolean cplusplus, String sourceFile) {
        return List.of(cplusplus ? cxx : cc, "-c", "-g", "-gdwarf-4", "-O0", "-fno-builtin", "-fPIE", "-w",
                "-x", cplusplus ? "c++" : "c", sourceFile, "-o", OBJECT);
    }

    /**
     * The compile and the symbol listing in one launch (one sandbox instead of two); empty when either
     * failed or hit a limit, or the compiler wrote more messages than its own launch was allowed.
     */
    private Optional<ProcessResult> compileAndList(List<String> compile, List<String> list, Path dir)
            throws IOException, InterruptedException {
        BuildScript script = BuildScript.ofCommands(List.of(compile, list));
        ProcessResult launch = runner.run(ProcessSpec.of(script.command(), dir, COMPILE_CLOCK.plus(TOOL_CLOCK),
                LISTING_CAP));
        List<ProcessResult> steps = script.splitSteps(launch, LISTING_CAP);
        boolean compiled = !steps.isEmpty() && steps.get(0).succeeded()
                && steps.get(0).stderr().getBytes(StandardCharsets.UTF_8).length <= COMPILER_OUTPUT_CAP;
        if (!compiled || steps.size() < 2 || !steps.get(1).succeeded()) {
            return Optional.empty();
        }
        return Optional.of(steps.get(1));
    }

    private static Set<String> referencedFunctions(List<Reference> references) {
        Set<String> names = new TreeSet<>();
        references.stream().filter(r -> r.function() && !r.runtimeSupport())
                .forEach(r -> names.add(r.displayName()));
        return names;
    }

    private static long since(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
