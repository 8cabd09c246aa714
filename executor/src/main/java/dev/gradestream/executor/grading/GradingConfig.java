package dev.gradestream.executor.grading;

import dev.gradestream.executor.grading.build.BuildOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the engine grades, the same for every submission.
 *
 * @param workRoot              where job directories (and the compiled harness) live
 * @param cc                    the C compiler, also used to build the harness
 * @param cxx                   the C++ compiler
 * @param outputLimitBytes      the most output a test (or a program) may write, per stream
 * @param valgrindTimeoutFactor how many times the native time budgets the Valgrind run gets
 * @param keepJobDirectories    leave job directories behind, for debugging
 * @param memoryLimitMb         memory of a run when the submission asks for none
 * @param maxMemoryLimitMb      the most a submission may ask for; larger requests are lowered to it
 * @param build                 how the submission is compiled and linked (launches, linker, object cache)
 */
public record GradingConfig(Path workRoot, String cc, String cxx, String valgrind, long outputLimitBytes,
        int valgrindTimeoutFactor, boolean keepJobDirectories, int memoryLimitMb, int maxMemoryLimitMb,
        BuildOptions build) {

    public static final int DEFAULT_MEMORY_LIMIT_MB = 256;
    public static final int DEFAULT_MAX_MEMORY_LIMIT_MB = 1024;

    public static final long DEFAULT_OUTPUT_LIMIT_BYTES = 64 * 1024;
    /** Memcheck slows code down 10–50×; tests are short, and its start-up alone costs ~0.4 s. */
    public static final int DEFAULT_VALGRIND_TIMEOUT_FACTOR = 4;

    public GradingConfig {
        Objects.requireNonNull(workRoot, "workRoot");
        Objects.requireNonNull(cc, "cc");
        Objects.requireNonNull(cxx, "cxx");
        Objects.requireNonNull(valgrind, "valgrind");
        Objects.requireNonNull(build, "build");
        if (outputLimitBytes <= 0 || valgrindTimeoutFactor <= 0) {
            throw new IllegalArgumentException("outputLimitBytes and valgrindTimeoutFactor must be positive");
        }
        if (memoryLimitMb <= 0 || maxMemoryLimitMb < memoryLimitMb) {
            throw new IllegalArgumentException("need 0 < memoryLimitMb <= maxMemoryLimitMb");
        }
    }

    /** With the default build options. */
    public GradingConfig(Path workRoot, String cc, String cxx, String valgrind, long outputLimitBytes,
            int valgrindTimeoutFactor, boolean keepJobDirectories, int memoryLimitMb, int maxMemoryLimitMb) {
        this(workRoot, cc, cxx, valgrind, outputLimitBytes, valgrindTimeoutFactor, keepJobDirectories, memoryLimitMb,
                maxMemoryLimitMb, BuildOptions.defaults());
    }

    /** The memory a submission runs with: what it asked for, within the server's bound. */
    public int effectiveMemoryLimitMb(Integer requested) {
        return requested == null ? memoryLimitMb : Math.min(requested, maxMemoryLimitMb);
    }

    public static GradingConfig defaults() {
        return new GradingConfig(Path.of(System.getProperty("java.io.tmpdir"), "gradestream-jobs"), "gcc", "g++",
                "valgrind", DEFAULT_OUTPUT_LIMIT_BYTES, DEFAULT_VALGRIND_TIMEOUT_FACTOR, false, DEFAULT_MEMORY_LIMIT_MB,
                DEFAULT_MAX_MEMORY_LIMIT_MB, BuildOptions.defaults());
    }

    public GradingConfig withWorkRoot(Path root) {
        return new GradingConfig(root, cc, cxx, valgrind, outputLimitBytes, valgrindTimeoutFactor, keepJobDirectories,
                memoryLimitMb, maxMemoryLimitMb, build);
    }

    public GradingConfig withOutputLimitBytes(long limit) {
        return new GradingConfig(workRoot, cc, cxx, valgrind, limit, valgrindTimeoutFactor, keepJobDirectories,
                memoryLimitMb, maxMemoryLimitMb, build);
    }

    public GradingConfig withBuild(BuildOptions options) {
        return new GradingConfig(workRoot, cc, cxx, valgrind, outputLimitBytes, valgrindTimeoutFactor, keepJobDirectories,
                memoryLimitMb, maxMemoryLimitMb, options);
    }

    public GradingConfig withKeepJobDirectories(boolean keep) {
        return new GradingConfig(workRoot, cc, cxx, valgrind, outputLimitBytes, valgrindTimeoutFactor, keep,
                memoryLimitMb, maxMemoryLimitMb, build);
    }
}
