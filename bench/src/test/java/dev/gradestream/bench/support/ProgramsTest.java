package dev.gradestream.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.bench.load.VerdictSignature;
import dev.gradestream.executor.grading.GradingConfig;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.validation.SubmissionParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load driver's programs, graded by the real engine (local runner, real gcc and Valgrind): each says
 * what it is meant to, and a distinct variant of it is another text with the same verdict.
 */
class ProgramsTest {
    @TempDir
    Path workRoot;

    @Test
    void eachProgramGetsTheVerdictItIsThereFor() {
        GradingEngine engine = new GradingEngine(GradingConfig.defaults().withWorkRoot(workRoot), new LocalProcessRunner());
        List<String> signatures = new ArrayList<>();
        for (String program : Programs.ALL) {
            signatures.add(program + ": " + signature(engine, Programs.submission(program, true)));
        }
        assertThat(signatures).containsExactly(
                "correct: passed, failed tests [], Valgrind 0 errors, 0 bytes definitely lost",
                "list-sum: passed, failed tests [], Valgrind 0 errors, 0 bytes definitely lost",
                "failing-test: failed, failed tests [1], Valgrind 0 errors, 0 bytes definitely lost",
                "word-count-failing: failed, failed tests [3], Valgrind 0 errors, 0 bytes definitely lost",
                "leak: passed, failed tests [], Valgrind 3 errors, 11 bytes definitely lost",
                "heap-overflow: passed, failed tests [], Valgrind 6 errors, 0 bytes definitely lost",
                "segfault: runtime_error, failed tests [2], Valgrind 1 errors, 0 bytes definitely lost",
                "compile-error: compile_error, failed tests [1, 2, 3], Valgrind not run",
                "infinite-loop: time_limit, failed tests [3], Valgrind 0 errors, 0 bytes definitely lost");
    }

    @Test
    void aDistinctVariantIsAnotherTextWithTheSameVerdict() {
        GradingEngine engine = new GradingEngine(GradingConfig.defaults().withWorkRoot(workRoot), new LocalProcessRunner());
        for (String program : Programs.LOAD_MIX) {
            String first = Programs.distinct(program, false, Workload.nextUnique());
            String second = Programs.distinct(program, false, Workload.nextUnique());
            assertThat(code(first)).isNotEqualTo(code(second)).startsWith(code(Programs.submission(program, false)));
            assertThat(signature(engine, first)).as(program)
                    .isEqualTo(signature(engine, second))
                    .isEqualTo(signature(engine, Programs.submission(program, false)));
        }
    }

    @Test
    void aWorkloadTakesTheMixInTurn() {
        List<Job> jobs = Workload.of(List.of("correct", "leak", "segfault"), 7, true, false);

        assertThat(jobs).extracting(Job::program)
                .containsExactly("correct", "leak", "segfault", "correct", "leak", "segfault", "correct");
        assertThat(jobs.get(0).json()).isEqualTo(jobs.get(3).json()).isEqualTo(Programs.submission("correct", true));
    }

    private static String signature(GradingEngine engine, String json) {
        return VerdictSignature.of(Json.mapper().valueToTree(engine.grade(SubmissionParser.parse(json), null, (t, d) -> { })));
    }

    private static String code(String json) {
        return SubmissionParser.parse(json).code();
    }
}
