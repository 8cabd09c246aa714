package dev.gradestream.executor.grading.prepare;

import dev.gradestream.protocol.model.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the user's code, the generated test unit, the harness object and stdin into the job directory. */
public final class PrepareStage {
    private final HarnessRuntime harness;

    public PrepareStage(HarnessRuntime harness) {
        this.harness = harness;
    }

    public PreparedJob prepare(Submission submission, Path dir) throws IOException, InterruptedException {
        String codeFile = SourceNames.code(submission.language());
        Files.writeString(dir.resolve(codeFile), submission.code(), StandardCharsets.UTF_8);
        if (submission.stdin() != null) {
            Files.writeString(dir.resolve(SourceNames.STDIN), submission.stdin(), StandardCharsets.UTF_8);
        }
        if (Mode.of(submission) == Mode.PROGRAM) {
            return new PreparedJob(dir, submission.language(), Mode.PROGRAM, codeFile, List.of(), null);
        }
        List<TestCase> tests = TestsParser.parse(submission.tests());
        String unit = SourceNames.unit(submission.language());
        Files.writeString(dir.resolve(SourceNames.TESTS), submission.tests(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(unit), HarnessSource.generate(codeFile, tests), StandardCharsets.UTF_8);
        // A copy, not a reference to the cache: the job directory is all a sandboxed build will see.
        Path object = harness.object();
        Files.copy(object, dir.resolve(SourceNames.HARNESS_OBJECT));
        return new PreparedJob(dir, submission.language(), Mode.TESTS, unit, tests, object.getFileName().toString());
    }
}
