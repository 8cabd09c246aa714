package dev.gradestream.executor.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.executor.grading.build.BuildOptions;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build cache inside real gradings (real gcc): a hit launches no build and reports exactly the
 * messages the build reported; any change of code, tests, linker or compiler is a miss.
 */
class CachedBuildGradingTest {
    private static final String CODE = "int clamp(int x, int lo, int hi) {\n    int unused;\n    if (x < lo) {\n"
            + "        return lo;\n    }\n    return x > hi ? hi : x;\n}\n";
    private static final String TESTS = "assert(clamp(5, 0, 10) == 5);\nassert(clamp(-3, 0, 10) == 0);\n";

    @TempDir
    Path workRoot;

    private final List<String> launched = Collections.synchronizedList(new ArrayList<>());
    /** What the engine told its observer of each build: from the cache or not. */
    private final List<Boolean> fromCache = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aRegradeOfTheSameSubmissionLaunchesNoBuildAndReportsTheSameWarnings() throws Exception {
        GradingEngine engine = engine(BuildOptions.defaults(), "gcc");

        Verdict first = grade(engine, CODE, TESTS);
        List<String> firstLaunches = List.copyOf(launched);
        launched.clear();
        Verdict second = grade(engine, CODE, TESTS);

        assertThat(firstLaunches).containsExactly("/bin/sh", "./prog");
        assertThat(launched).containsExactly("./prog");
        JsonNode warnings = Json.mapper().valueToTree(first.formattedResponse());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(warnings.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(warnings.get(0).get("message").asText()).isEqualTo("unused variable ‘unused’");
        assertThat(comparable(second)).isEqualTo(comparable(first));
        assertThat(fromCache).containsExactly(false, true);
    }

    @Test
    void codeThatOverwritesItsBuildChangesOnlyItsOwnCopy() throws Exception {
        String clobber = "#include <stdio.h>\n#include <unistd.h>\nint clobber(void) {\n"
                + "    FILE *f = fopen(\"submission.o\", \"w\");\n    if (f) { fputs(\"x\", f); fclose(f); }\n"
                + "    unlink(\"prog\");\n    FILE *g = fopen(\"prog\", \"w\");\n    if (g) { fputs(\"y\", g); fclose(g); }\n"
                + "    return 1;\n}\n";
        GradingEngine engine = engine(BuildOptions.defaults(), "gcc");

        Verdict first = grade(engine, clobber, "assert(clobber() == 1);\n");
        Verdict second = grade(engine, clobber, "assert(clobber() == 1);\n");

        assertThat(first.status().wireName()).isEqualTo("passed");
        assertThat(second.status().wireName()).isEqualTo("passed");
        assertThat(launched).containsExactly("/bin/sh", "./prog", "./prog");
        try (var entries = Files.list(workRoot.resolve(".builds"))) {
            Path entry = entries.findFirst().orElseThrow();
            assertThat(Files.size(entry.resolve("submission.o"))).isGreaterThan(1000);
            assertThat(Files.size(entry.resolve("prog"))).isGreaterThan(1000);
        }
    }

    @Test
    void changedCodeOrTestsAreMisses() throws Exception {
        GradingEngine engine = engine(BuildOptions.defaults(), "gcc");
        grade(engine, CODE, TESTS);
        grade(engine, CODE + "\n", TESTS);
        grade(engine, CODE, TESTS + "assert(clamp(1, 0, 10) == 1);\n");
        grade(engine, CODE, TESTS);

        assertThat(launched).containsExactly("/bin/sh", "./prog", "/bin/sh", "./prog", "/bin/sh", "./prog", "./prog");
    }

    @Test
    void anotherLinkerOrCompilerIsAMiss() throws Exception {
        grade(engine(BuildOptions.defaults(), "gcc"), CODE, TESTS);
        grade(engine(BuildOptions.defaults().withLinker(""), "gcc"), CODE, TESTS);
        Path wrapper = workRoot.resolve("my-gcc");
        Files.writeString(wrapper, "#!/bin/sh\nexec gcc \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        grade(engine(BuildOptions.defaults(), wrapper.toString()), CODE, TESTS);
        // The same three again: each finds its own entry.
        grade(engine(BuildOptions.defaults(), "gcc"), CODE, TESTS);
        grade(engine(BuildOptions.defaults().withLinker(""), "gcc"), CODE, TESTS);
        grade(engine(BuildOptions.defaults(), wrapper.toString()), CODE, TESTS);

        assertThat(launched).containsExactly("/bin/sh", "./prog", "/bin/sh", "./prog", "/bin/sh", "./prog",
                "./prog", "./prog", "./prog");
    }

    @Test
    void withTheCacheOffEveryGradingBuilds() throws Exception {
        GradingEngine engine = engine(BuildOptions.defaults().withCache(false, BuildOptions.DEFAULT_CACHE_MAX_BYTES), "gcc");
        grade(engine, CODE, TESTS);
        grade(engine, CODE, TESTS);

        assertThat(launched).containsExactly("/bin/sh", "./prog", "/bin/sh", "./prog");
        assertThat(workRoot.resolve(".builds")).doesNotExist();
        assertThat(fromCache).isEmpty();
    }

    @Test
    void twoLaunchesAndOneGiveTheSameVerdictForACompileErrorAndALinkError() throws Exception {
        GradingEngine two = engine(BuildOptions.classic(), "gcc");
        GradingEngine one = engine(BuildOptions.defaults().withCache(false, 0), "gcc");
        String compileError = "int f(void) { return 1 }\n";
        String linkError = "int g(void);\nint f(void) { return g(); }\n";
        String linkTests = "assert(f() == 1);\n";

        assertThat(comparable(grade(one, compileError, TESTS))).isEqualTo(comparable(grade(two, compileError, TESTS)));
        assertThat(comparable(grade(one, linkError, linkTests))).isEqualTo(comparable(grade(two, linkError, linkTests)));
        assertThat(launched).containsExactly("/bin/sh", "gcc", "/bin/sh", "gcc", "gcc");
    }

    private GradingEngine engine(BuildOptions options, String cc) {
        ProcessRunner local = new LocalProcessRunner();
        ProcessRunner counting = spec -> {
            launched.add(spec.command().get(0));
            return local.run(spec);
        };
        GradingConfig config = new GradingConfig(workRoot, cc, "g++", "valgrind", GradingConfig.DEFAULT_OUTPUT_LIMIT_BYTES,
                GradingConfig.DEFAULT_VALGRIND_TIMEOUT_FACTOR, false, GradingConfig.DEFAULT_MEMORY_LIMIT_MB,
                GradingConfig.DEFAULT_MAX_MEMORY_LIMIT_MB, options);
        GradingObserver observer = new GradingObserver() {
            @Override
            public void graded(Submission job, Verdict verdict) {
            }

            @Override
            public void built(boolean cached) {
                fromCache.add(cached);
            }
        };
        return new GradingEngine(config, counting, local, observer);
    }

    private static Verdict grade(GradingEngine engine, String code, String tests) throws IOException {
        ObjectNode json = Json.mapper().createObjectNode().put("code", code).put("tests", tests).put("valgrind", false);
        Submission submission = Json.mapper().treeToValue(json, Submission.class).withId("cached");
        return engine.grade(submission, null, (type, data) -> {
        });
    }

    /** The verdict without what differs between any two gradings (attempt, times). */
    static JsonNode comparable(Verdict verdict) {
        ObjectNode json = Json.mapper().valueToTree(verdict);
        json.remove(List.of("id", "attempt", "timings", "compilation_time", "run_time"));
        json.path("tests").forEach(test -> ((ObjectNode) test).remove("timeMs"));
        return json;
    }
}
