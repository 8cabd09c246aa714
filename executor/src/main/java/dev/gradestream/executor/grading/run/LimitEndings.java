package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestStatus;
import java.util.Optional;

/**
 * What a limit the runner reports means for the test (or program) that was running when it struck.
 * The reason comes from the kernel's counters via the runner, so a program that exit(137)s is not
 * mistaken for one the OOM killer stopped.
 */
final class LimitEndings {
    record Ending(TestStatus status, String message) {
    }

    private LimitEndings() {
    }

    static Optional<Ending> of(LimitHit hit, Submission submission, long outputLimit) {
        return Optional.ofNullable(switch (hit) {
            case NONE -> null;
            case MEMORY -> new Ending(TestStatus.MEMORY_LIMIT,
                    "used more than the memory limit of " + submission.memoryLimitMb() + " MB");
            case PIDS -> new Ending(TestStatus.RUNTIME_ERROR, "started more processes or threads than allowed");
            case CPU -> new Ending(TestStatus.TIME_LIMIT, "used up the CPU time of " + submission.timeout() + " s");
            case WALL_CLOCK -> new Ending(TestStatus.TIME_LIMIT, "did not finish within " + submission.timeout() + " s");
            case OUTPUT -> new Ending(TestStatus.OUTPUT_LIMIT, "wrote more than " + outputLimit + " bytes of output");
            case FILE_SIZE -> new Ending(TestStatus.OUTPUT_LIMIT, "wrote more to files than allowed");
        });
    }
}
