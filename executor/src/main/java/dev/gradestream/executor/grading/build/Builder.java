package dev.gradestream.executor.grading.build;

import dev.gradestream.executor.grading.GradingObserver;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import dev.gradestream.executor.grading.prepare.Mode;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a job's build: from the cache when the same inputs were built before, else compile and link in one
 * launch or two ({@link BuildOptions}). The result is the same {@link BuildRecord} every way.
 */
public final class Builder {
    /** Generous: a pathological template or macro can make the compiler itself slow. */
    public static final Duration WALL_CLOCK = Duration.ofSeconds(30);
    /** Per step and stream, as each step's own launch had. */
    public static final long OUTPUT_CAP = 4L << 20;
    private static final List<String> COMPILE_FLAGS =
            List.of("-g", "-gdwarf-4", "-O0", "-Wall", "-Wextra", "-fdiagnostics-format=json");
    private static final List<String> KEPT_FILES = List.of(SourceNames.OBJECT, SourceNames.EXECUTABLE);

    private final BuildOptions options;
    private final ProcessRunner runner;
    private final Toolchain toolchain;
    private final BuildCache cache;
    private final GradingObserver observer;

    /** @param cache null for none */
    public Builder(BuildOptions options, ProcessRunner runner, Toolchain toolchain, BuildCache cache,
            GradingObserver observer) {
        this.options = options;
        this.runner = runner;
        this.toolchain = toolchain;
        this.cache = cache;
        this.observer = observer;
    }

    /** Whether the link step is wanted once the unit compiled; asked only when they run as two launches. */
    @FunctionalInterface
    public interface LinkWanted {
        boolean test(PreparedJob job) throws IOException;
    }

    public BuildRecord build(PreparedJob job, String compiler, LinkWanted linkWanted)
            throws IOException, InterruptedException {
        Toolchain.Compiler tools = toolchain.compiler(compiler);
        List<String> compile = compileCommand(compiler, job);
        List<String> link = linkCommand(compiler, tools.linkFlags(), job);
        List<String> fallback = tools.linkFlags().isEmpty() ? null : linkCommand(compiler, List.of(), job);
        String key = cache == null ? null : key(job, tools, compile, link);
        if (key != null) {
            Optional<BuildRecord> cached = cache.restore(key, job.dir());
            observer.built(cached.isPresent());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        BuildRecord record = options.singleLaunch()
                ? once(job, compile, link, fallback)
                : twice(job, compile, link, fallback, linkWanted);
        if (key != null) {
            cache.store(key, record, job.dir(), KEPT_FILES);
        }
        return record;
    }

    private BuildRecord once(PreparedJob job, List<String> compile, List<String> link, List<String> fallback)
            throws IOException, InterruptedException {
        BuildScript script = BuildScript.of(compile, link, fallback);
        // Both steps' messages share the one stream: each keeps its own cap, checked when split.
        ProcessResult launch = runner.run(ProcessSpec.of(script.command(), job.dir(), WALL_CLOCK, 2 * OUTPUT_CAP));
        return script.split(launch, OUTPUT_CAP);
    }

    private BuildRecord twice(PreparedJob job, List<String> compile, List<String> link, List<String> fallback,
            LinkWanted linkWanted) throws IOException, InterruptedException {
        ProcessResult compiled = run(compile, job);
        if (!compiled.succeeded() || !linkWanted.test(job)) {
            return new BuildRecord(compiled, null);
        }
        ProcessResult linked = run(link, job);
        if (!linked.succeeded() && fallback != null) {
            linked = run(fallback, job);
        }
        return new BuildRecord(compiled, linked);
    }

    private ProcessResult run(List<String> command, PreparedJob job) throws IOException, InterruptedException {
        return runner.run(ProcessSpec.of(command, job.dir(), WALL_CLOCK, OUTPUT_CAP));
    }

    private static List<String> compileCommand(String compiler, PreparedJob job) {
        List<String> command = new ArrayList<>(List.of(compiler));
        command.addAll(COMPILE_FLAGS);
        command.addAll(List.of("-c", job.unit(), "-o", SourceNames.OBJECT));
        return command;
    }

    /**
     * The harness object goes first, so that a second main() is reported where the user's code defines
     * it. -lm because students' code calls sqrt() and friends without knowing libm is separate.
     */
    private static List<String> linkCommand(String compiler, List<String> linkerFlags, PreparedJob job) {
        List<String> command = new ArrayList<>(List.of(compiler, "-g"));
        command.addAll(linkerFlags);
        if (job.mode() == Mode.TESTS) {
            command.add(SourceNames.HARNESS_OBJECT);
        }
        command.addAll(List.of(SourceNames.OBJECT, "-o", SourceNames.EXECUTABLE, "-lm"));
        return command;
    }

    /**
     * Every file in the job directory before the build, by name and content: the unit, the code it
     * includes, the harness linked in, and whatever else the code could {@code #include} (tests, stdin).
     * The harness object counts by what it is built from, not by its 57 KB: hashing those at every build
     * was a third of a grading thread's own CPU under C1, which has no SHA-256 intrinsic.
     */
    static String key(PreparedJob job, Toolchain.Compiler tools, List<String> compile, List<String> link)
            throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(job.mode().name().getBytes(StandardCharsets.UTF_8));
        List<Path> files;
        try (Stream<Path> listed = Files.list(job.dir())) {
            files = listed.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            inputs.add(name.getBytes(StandardCharsets.UTF_8));
            if (name.equals(SourceNames.HARNESS_OBJECT) && job.harness() != null) {
                inputs.add(job.harness().getBytes(StandardCharsets.UTF_8));
            } else {
                inputs.add(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(file) : new byte[0]);
            }
        }
        return BuildKey.of(tools.identity(), List.of(compile, link), inputs);
    }
}
