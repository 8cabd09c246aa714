package dev.gradestream.executor.grading.prepare;

import dev.gradestream.protocol.model.Language;
import java.nio.file.Path;
import java.util.List;

/**
 * A job directory ready to compile.
 *
 * @param unit    the file to compile, relative to {@code dir}
 * @param tests   empty in {@link Mode#PROGRAM}
 * @param harness what the harness object copied into {@code dir} is built from (its cached file's name,
 *                which carries a hash of its source and compiler); null in {@link Mode#PROGRAM}
 */
public record PreparedJob(Path dir, Language language, Mode mode, String unit, List<TestCase> tests, String harness) {

    public PreparedJob {
        tests = List.copyOf(tests);
    }
}
