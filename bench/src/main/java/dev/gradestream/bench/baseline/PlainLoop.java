package dev.gradestream.bench.baseline;

import dev.gradestream.bench.support.Job;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.validation.SubmissionParser;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The "plain loop" baseline: what a straightforward grading script does, no sandbox, no cache, no
 * service. In a fresh directory per submission it writes the student's code and a generated
 * {@code test_main.c} that includes it, compiles both with one {@code gcc -g -O0 -Wall -Wextra} call into
 * an executable, runs it, and runs it again under {@code valgrind --leak-check=full --xml=yes} when the
 * submission asks for Valgrind. The generated main forks each test with {@code alarm(perTestTimeout)} (see
 * {@link TestMain}), the least a script can do and still grade a test that crashes or hangs on its own;
 * Valgrind follows the forks (one XML file per process). Nothing is parsed afterwards.
 */
public final class PlainLoop implements BareGrader {
    private static final File NO_INPUT = new File("/dev/null");

    private final Path workRoot;
    private final Function<String, String> expectedStatus;

    /** {@code expectedStatus}: the engine's status per program, to check gcc fails exactly on compile errors. */
    public PlainLoop(Path workRoot, Function<String, String> expectedStatus) {
        this.workRoot = workRoot;
        this.expectedStatus = expectedStatus;
    }

    @Override
    public void grade(Job job) throws IOException, InterruptedException {
        Submission submission = SubmissionParser.parse(job.json()).withDefaults();
        Path dir = Files.createTempDirectory(workRoot, "plain-");
        try {
            Files.writeString(dir.resolve("student.c"), submission.code());
            Files.writeString(dir.resolve("test_main.c"), TestMain.generate("student.c", submission.tests()));
            boolean compiled = run(dir, submission.timeout(), "gcc", "-g", "-O0", "-Wall", "-Wextra",
                    "-o", "prog", "test_main.c") == 0;
            if (compiled == expectedStatus.apply(job.program()).equals("compile_error")) {
                throw new IllegalStateException("the plain loop's gcc " + (compiled ? "compiled " : "failed on ")
                        + job.program() + ", the engine's verdict is " + expectedStatus.apply(job.program())
                        + ": " + Files.readString(dir.resolve("stderr")));
            }
            if (!compiled) {
                return;
            }
            String limit = Integer.toString(submission.perTestTimeout());
            run(dir, submission.timeout(), "./prog", limit);
            if (submission.valgrind()) {
                run(dir, submission.timeout(), "valgrind", "--leak-check=full", "--xml=yes",
                        "--xml-file=vg.%p.xml", "./prog", limit);
            }
        } finally {
            Replay.deleteRecursively(dir);
        }
    }

    @Override
    public String name() {
        return "plain loop";
    }

    /** stdout read to its end on this thread, stderr to a file; killed after the submission's total limit. */
    private static int run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                .redirectInput(Redirect.from(NO_INPUT)).redirectError(dir.resolve("stderr").toFile()).start();
        try (var out = process.getInputStream()) {
            out.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds * 4L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return process.waitFor();
        }
        return process.exitValue();
    }
}
