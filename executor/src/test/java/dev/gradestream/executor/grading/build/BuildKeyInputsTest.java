package dev.gradestream.executor.grading.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.grading.prepare.Mode;
import dev.gradestream.executor.grading.prepare.PreparedJob;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.protocol.model.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build's cache key is made of: every file of the job directory by content, except the harness
 * object, which counts by its identity (the cached file's name, a hash of its source and compiler) so that
 * its 57 KB are not hashed at every build. So a new harness is a miss, and the copy's bytes are never read.
 */
class BuildKeyInputsTest {
    private static final Toolchain.Compiler GCC = new Toolchain.Compiler("gcc 12.2.0 /usr/bin/gcc", List.of());
    private static final List<String> COMPILE = List.of("gcc", "-c", "unit.c", "-o", "submission.o");
    private static final List<String> LINK = List.of("gcc", "harness.o", "submission.o", "-o", "prog");

    @TempDir
    Path dir;

    @BeforeEach
    void writeTheJob() throws IOException {
        Files.writeString(dir.resolve("code.c"), "int add(int a, int b) { return a + b; }\n");
        Files.writeString(dir.resolve("unit.c"), "#include \"code.c\"\n");
        Files.writeString(dir.resolve(SourceNames.HARNESS_OBJECT), "harness bytes");
    }

    @Test
    void theHarnessCountsByItsIdentityNotItsBytes() throws IOException {
        String key = key("harness-1a2b.o");

        Files.writeString(dir.resolve(SourceNames.HARNESS_OBJECT), "other bytes, same identity");
        assertThat(key("harness-1a2b.o")).isEqualTo(key);
        assertThat(key("harness-3c4d.o")).as("a harness built from other sources or by another compiler")
                .isNotEqualTo(key);
    }

    @Test
    void everyOtherFileCountsByItsContent() throws IOException {
        String key = key("harness-1a2b.o");

        Files.writeString(dir.resolve("code.c"), "int add(int a, int b) { return b + a; }\n");
        String changedCode = key("harness-1a2b.o");
        Files.writeString(dir.resolve("stdin"), "");
        String extraFile = key("harness-1a2b.o");

        assertThat(List.of(key, changedCode, extraFile)).doesNotHaveDuplicates();
    }

    @Test
    void withoutTestsTheHarnessFileIsReadLikeAnyOther() throws IOException {
        PreparedJob program = new PreparedJob(dir, Language.C, Mode.PROGRAM, "code.c", List.of(), null);
        String key = Builder.key(program, GCC, COMPILE, LINK);

        Files.writeString(dir.resolve(SourceNames.HARNESS_OBJECT), "other bytes");
        assertThat(Builder.key(program, GCC, COMPILE, LINK)).isNotEqualTo(key);
    }

    private String key(String harnessIdentity) throws IOException {
        PreparedJob job = new PreparedJob(dir, Language.C, Mode.TESTS, "unit.c", List.of(), harnessIdentity);
        return Builder.key(job, GCC, COMPILE, LINK);
    }
}
