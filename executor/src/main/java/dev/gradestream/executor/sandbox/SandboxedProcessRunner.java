package dev.gradestream.executor.sandbox;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.executor.grading.ProcessRunner;
import dev.gradestream.executor.grading.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The grading engine's process seam, with every launch in its own sandbox. The spec's working directory
 * is the job directory (the only writable place, mounted at the same path); {@code readOnlyPaths} are
 * shared inputs outside it, such as the precompiled test harness.
 *
 * <p>Valgrind launches (the command is {@code valgrind}) get {@link SandboxLimits#forValgrind()} memory,
 * since the engine cannot say so through {@link ProcessSpec}.
 */
public final class SandboxedProcessRunner implements ProcessRunner {
    private final Sandbox sandbox;
    private final SandboxLimits defaults;
    private final List<Path> readOnlyPaths;

    public SandboxedProcessRunner(Sandbox sandbox, SandboxLimits defaults, List<Path> readOnlyPaths) {
        this.sandbox = sandbox;
        this.defaults = defaults;
        this.readOnlyPaths = List.copyOf(readOnlyPaths);
    }

    public SandboxedProcessRunner(Sandbox sandbox) {
        this(sandbox, SandboxLimits.defaults(), List.of());
    }

    /**
     * @throws IOException when the sandbox could not run the command (it does not exist, or the sandbox
     *                     failed to start): the same cases in which a plain launch could not start it
     */
    @Override
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        SandboxResult result = runMeasured(spec, defaults);
        if (result.verdict() == SandboxVerdict.SANDBOX_ERROR) {
            throw new IOException(result.message());
        }
        return toProcessResult(result);
    }

    /** Like {@link #run}, with explicit limits, returning everything the sandbox measured. */
    public SandboxResult runMeasured(ProcessSpec spec, SandboxLimits limits) throws InterruptedException {
        return sandbox.run(toSandboxSpec(spec, limits));
    }

    SandboxSpec toSandboxSpec(ProcessSpec spec, SandboxLimits limits) {
        SandboxLimits requested = spec.memoryLimitBytes() == null ? limits : limits.withMemoryBytes(spec.memoryLimitBytes());
        SandboxLimits effective = isValgrind(spec.command()) ? requested.forValgrind() : requested;
        SandboxSpec.Builder builder = SandboxSpec.builder(spec.command(), spec.workDir().toAbsolutePath())
                .stdin(spec.stdin()).wallClock(spec.wallClock()).outputCapBytes(spec.outputCapBytes())
                .limits(effective).stdoutLineListener(spec.stdoutLineListener());
        for (Path path : readOnlyPaths) {
            builder.readOnly(BindMount.same(path.toAbsolutePath()));
        }
        return builder.build();
    }

    /** The sandbox's verdict as the limit hit, and 128 + s for a death by signal s. */
    static ProcessResult toProcessResult(SandboxResult result) {
        int exitCode = result.signal() != 0 ? 128 + result.signal() : result.exitCode();
        return new ProcessResult(exitCode, result.stdout(), result.stderr(), result.wallMs(), limitHit(result.verdict()));
    }

    private static LimitHit limitHit(SandboxVerdict verdict) {
        return switch (verdict) {
            case OK, SANDBOX_ERROR -> LimitHit.NONE;
            case MEMORY_LIMIT -> LimitHit.MEMORY;
            case PIDS_LIMIT -> LimitHit.PIDS;
            case CPU_LIMIT -> LimitHit.CPU;
            case WALL_TIMEOUT -> LimitHit.WALL_CLOCK;
            case OUTPUT_LIMIT -> LimitHit.OUTPUT;
            case FILE_SIZE_LIMIT -> LimitHit.FILE_SIZE;
        };
    }

    private static boolean isValgrind(List<String> command) {
        return Path.of(command.get(0)).getFileName().toString().equals("valgrind");
    }
}
