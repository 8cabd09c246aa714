package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.executor.grading.build.BuildOptions;
import dev.gradestream.executor.sandbox.Sandbox;
import dev.gradestream.executor.sandbox.SandboxConfig;
import dev.gradestream.executor.sandbox.SandboxedProcessRunner;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue #9 A/B: one tiny submission (3 tests) graded in the real sandbox by engines that differ only in
 * their build options (or, in {@link #valgrindDebugInfo}, only in the sandbox's /usr/lib/debug),
 * interleaved round by round (the order rotates), so load from elsewhere falls on all alike. Prints
 * per-grading medians (and the median of the round-by-round differences) with the load average; asserts
 * only that every variant gives the same verdict. Run as root:
 * {@code ./mvnw -B -o -pl executor -am verify -Dtest=CheaperGradingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -DexcludedGroups= -Dgradestream.benchmark=true} (options: {@code -Dbench.rounds=40}, {@code -Dbench.warmup=5};
 * one A/B: {@code -Dtest='CheaperGradingBenchmarkTest#valgrindDebugInfo'}).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "gradestream.benchmark", matches = "true")
class CheaperGradingBenchmarkTest {
    private static final String CODE = "int clamp(int x, int lo, int hi) {\n    if (x < lo) {\n        return lo;\n    }\n"
            + "    return x > hi ? hi : x;\n}\n";
    /** USER_HZ is 100 on Linux. */
    private static final double TICK_MS = 10.0;
    private static final String TESTS = "assert(clamp(5, 0, 10) == 5);\nassert(clamp(-3, 0, 10) == 0);\n"
            + "assert(clamp(42, 0, 10) == 10);";

    /** Each variant's cache starts empty; the code changes every round, so only "regrade" hits. */
    private static Map<String, BuildOptions> variants() {
        Map<String, BuildOptions> variants = new LinkedHashMap<>();
        variants.put("two launches, ld.bfd (before #9)", BuildOptions.classic());
        variants.put("one launch, ld.bfd", BuildOptions.classic().withSingleLaunch(true));
        variants.put("one launch, gold", BuildOptions.classic().withSingleLaunch(true).withLinker("gold"));
        variants.put("one launch, gold, cache (miss)", BuildOptions.defaults());
        variants.put("one launch, gold, cache (hit: regrade)", BuildOptions.defaults());
        return variants;
    }

    @Test
    void valgrindOff() throws Exception {
        compare("issue #9 A/B", false, Integer.getInteger("bench.rounds", 40), buildVariants(Sandbox.create()));
    }

    @Test
    void valgrindOn() throws Exception {
        compare("issue #9 A/B", true, Integer.getInteger("bench.rounds", 40) / 2, buildVariants(Sandbox.create()));
    }

    /**
     * Valgrind's start-up with the host's full /usr/lib/debug against the symbols-only copy the sandbox
     * binds by default (DebugInfoMirror); default build options, so every grading misses the build cache.
     */
    @Test
    void valgrindDebugInfo() throws Exception {
        Sandbox full = Sandbox.create(SandboxConfig.defaults().withStripDebugInfo(false));
        Sandbox symbols = Sandbox.create(SandboxConfig.defaults());
        Map<String, Function<Path, GradingEngine>> variants = new LinkedHashMap<>();
        variants.put("full debug info (before)", root -> engine(root, BuildOptions.defaults(), full));
        variants.put("symbols-only /usr/lib/debug", root -> engine(root, BuildOptions.defaults(), symbols));
        compare("symbols-only debug info A/B", true, Integer.getInteger("bench.rounds", 40), variants);
    }

    private static Map<String, Function<Path, GradingEngine>> buildVariants(Sandbox sandbox) {
        Map<String, Function<Path, GradingEngine>> engines = new LinkedHashMap<>();
        variants().forEach((name, options) -> engines.put(name, root -> engine(root, options, sandbox)));
        return engines;
    }

    private static GradingEngine engine(Path root, BuildOptions options, Sandbox sandbox) {
        return new GradingEngine(GradingConfig.defaults().withWorkRoot(root).withBuild(options),
                new SandboxedProcessRunner(sandbox), new LocalProcessRunner());
    }

    private void compare(String title, boolean valgrind, int rounds, Map<String, Function<Path, GradingEngine>> variants)
            throws Exception {
        int warmUp = Integer.getInteger("bench.warmup", 5);
        Map<String, GradingEngine> engines = new LinkedHashMap<>();
        List<Path> roots = new ArrayList<>();
        for (Map.Entry<String, Function<Path, GradingEngine>> variant : variants.entrySet()) {
            Path root = Files.createTempDirectory("gradestream-bench-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            roots.add(root);
            engines.put(variant.getKey(), variant.getValue().apply(root));
        }
        List<String> names = List.copyOf(engines.keySet());
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        Map<String, List<Long>> valgrindNanos = new LinkedHashMap<>();
        Map<String, long[]> cpuTicks = new LinkedHashMap<>();
        names.forEach(name -> {
            nanos.put(name, new ArrayList<>());
            valgrindNanos.put(name, new ArrayList<>());
            cpuTicks.put(name, new long[1]);
        });
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        try {
            for (int round = 0; round < warmUp + rounds; round++) {
                JsonNode reference = null;
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + round) % names.size());
                    // A new submission per round (a comment changes), the same one for every regrade.
                    String code = name.contains("regrade") ? CODE : CODE + "/* round " + round + " */\n";
                    Submission submission = submission(code, valgrind, round);
                    long ticks = cpuTicks();
                    long started = System.nanoTime();
                    Verdict verdict = engines.get(name).grade(submission, "bench-" + round + "-" + i, (type, data) -> {
                    });
                    long elapsed = System.nanoTime() - started;
                    long used = cpuTicks() - ticks;
                    JsonNode comparable = CachedBuildGradingTest.comparable(verdict);
                    assertThat(verdict.status().wireName()).isEqualTo("passed");
                    if (reference == null) {
                        reference = comparable;
                    }
                    assertThat(comparable).as(name).isEqualTo(reference);
                    if (round >= warmUp) {
                        nanos.get(name).add(elapsed);
                        valgrindNanos.get(name).add(verdict.timings().valgrindMs() * 1_000_000);
                        cpuTicks.get(name)[0] += used;
                    }
                }
            }
        } finally {
            for (Path root : roots) {
                JobDirectory.delete(root);
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        double before = median(nanos.get(names.get(0)));
        StringBuilder table = new StringBuilder(String.format("%n%s, sandboxed, tiny submission, 3 tests, Valgrind %s,"
                + " %d rounds after %d warm-up; load before [%s] after [%s]%n", title, valgrind ? "on" : "off", rounds,
                warmUp, loadBefore, loadAfter));
        double cpuBefore = cpuTicks.get(names.get(0))[0];
        table.append("| variant | median ms | p90 ms | vs before | median of paired differences ms"
                + " | Valgrind stage median ms | CPU ms per grading (mean) | CPU vs before |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (String name : names) {
            double median = median(nanos.get(name));
            long ticks = cpuTicks.get(name)[0];
            table.append(String.format("| %s | %.1f | %.1f | %.2f | %+.1f | %.0f | %.1f | %.2f |%n", name, median,
                    percentile(nanos.get(name), 0.9), median / before, median(differences(nanos.get(name),
                    nanos.get(names.get(0)))), median(valgrindNanos.get(name)), ticks * TICK_MS / rounds,
                    ticks / cpuBefore));
        }
        System.out.println(table);
    }

    private static Submission submission(String code, boolean valgrind, int round) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode().put("code", code).put("tests", TESTS).put("valgrind", valgrind);
        return Json.mapper().treeToValue(json, Submission.class).withId("bench-" + round);
    }

    /**
     * CPU time of this JVM and of every process it waited for (the sandbox chain and what ran in it: each
     * level reaps the one below), in clock ticks: a measure that load from other processes inflates far
     * less than the wall clock.
     */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the name: state is field 3, so utime (14), stime, cutime, cstime (17) are at 11..14.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /** Round by round: the variants of one round ran back to back, under about the same load. */
    private static List<Long> differences(List<Long> variant, List<Long> before) {
        List<Long> differences = new ArrayList<>();
        for (int i = 0; i < variant.size(); i++) {
            differences.add(variant.get(i) - before.get(i));
        }
        return differences;
    }

    private static double median(List<Long> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Long> values, double fraction) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(fraction * (sorted.size() - 1)))) / 1e6;
    }
}
