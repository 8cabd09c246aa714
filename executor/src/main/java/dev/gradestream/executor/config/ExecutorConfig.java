package dev.gradestream.executor.config;

import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.build.BuildOptions;
import dev.gradestream.protocol.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

@ConfigMapping(prefix = "gradestream.executor")
public interface ExecutorConfig {
    /** Where job directories are made; each job's directory is deleted when it ends. */
    @WithDefault("${java.io.tmpdir}/gradestream-jobs")
    Path workDir();

    @WithDefault("gcc")
    String cc();

    @WithDefault("g++")
    String cxx();

    @WithDefault("valgrind")
    String valgrind();

    /** Cap on each test's captured stdout and on the combined output. */
    @WithDefault("65536")
    long outputLimitBytes();

    /** Valgrind slows a program 10–50×: its run gets this many times the native time limits. */
    @WithDefault("10")
    int valgrindTimeoutFactor();

    /** Keep job directories for debugging the engine; never in production (they hold student code). */
    @WithDefault("false")
    boolean keepJobDirectories();

    /** Memory of a run (all its processes) when the submission asks for none; Valgrind gets ×1.3 + 70 MB. */
    @WithDefault("256")
    int memoryLimitMb();

    /** The most memory a submission may ask for with memoryLimitMb; larger requests are lowered to it. */
    @WithDefault("1024")
    int maxMemoryLimitMb();

    /** Processes and threads a launch may have at once; a fork bomb stops here. */
    @WithDefault("64")
    int pidsLimit();

    /** The largest file a launch may write, and the size of its private /tmp. */
    @WithDefault("16")
    int fileSizeLimitMb();

    @WithDefault("16")
    int tmpSizeMb();

    /** How submissions are compiled and linked (issue #9); every setting gives the same verdicts. */
    Build build();

    interface Build {
        /** Compile and link in one sandboxed launch instead of two. */
        @WithDefault("true")
        boolean singleLaunch();

        /** -fuse-ld= name (gold, mold); "default" for the compiler's own. Unusable ones fall back to the default. */
        @WithDefault(BuildOptions.DEFAULT_LINKER)
        String linker();

        Cache cache();

        default BuildOptions toOptions() {
            return new BuildOptions(singleLaunch(), linker().equals("default") ? "" : linker(), cache().enabled(),
                    cache().maxBytes());
        }
    }

    interface Cache {
        /** Keep build results under the work root (.builds), keyed by a hash of their inputs. */
        @WithDefault("true")
        boolean enabled();

        /** The most the build cache holds on disk; least recently used entries go first. */
        @WithDefault("268435456")
        long maxBytes();
    }

    default GradingConfig toGradingConfig() {
        return new GradingConfig(workDir(), cc(), cxx(), valgrind(), outputLimitBytes(), valgrindTimeoutFactor(),
                keepJobDirectories(), memoryLimitMb(), maxMemoryLimitMb(), build().toOptions());
    }

    /**
     * On SIGTERM, how long running jobs may take to finish before the process exits anyway; a job cut
     * off is not committed, so it runs again elsewhere as a new attempt.
     */
    @WithDefault("90s")
    Duration shutdownGrace();

    /** False: this process grades nothing and reads no submissions (a read-only front). */
    @WithDefault("true")
    boolean enabled();

    /**
     * True: refuse to start unless launches can be limited by cgroup. False (the default): without writable
     * cgroups (a Kubernetes pod), grade on rlimits and the wall clock, and say so in the log and in /q/health.
     */
    @WithDefault("false")
    boolean requireCgroups();

    /**
     * True: sandboxes see a symbols-only copy of /usr/lib/debug (objcopy --strip-debug, made once per
     * machine), so Valgrind skips parsing libc's DWARF at every start; verdicts are the same. False: the
     * host's full debug files.
     */
    @WithDefault("true")
    boolean stripDebugInfo();

    /**
     * True: when the service runs as root, launches enter empty network namespaces made once and lent to one
     * launch at a time, instead of bwrap making (and the kernel tearing down) one per launch. False, or not
     * root: one per launch.
     */
    @WithDefault("true")
    boolean poolNetworkNamespaces();

    /** Jobs graded at once; unset means one per core. */
    OptionalInt slots();

    default int effectiveSlots() {
        return slots().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Gradings of one record that may throw before it goes to the dead-letter topic instead. */
    @WithDefault("3")
    int maxAttempts();

    /** The interactive lane: submissions a person is waiting for. */
    @WithDefault(Topics.SUBMISSIONS)
    String submissionsTopic();

    /** The batch lane, taken only while the interactive lane has nothing waiting for this executor. */
    @WithDefault(Topics.SUBMISSIONS_REGRADE)
    String regradeTopic();

    /** How long the group waits for a silent executor before giving its partitions to another. */
    @WithDefault("45s")
    Duration sessionTimeout();
}
