package dev.gradestream.executor.grading.verdict;

import dev.gradestream.executor.grading.compile.CompileOutcome;
import dev.gradestream.executor.grading.policy.PolicyOutcome;
import dev.gradestream.executor.grading.run.RunOutcome;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.VerdictStatus;
import java.util.List;

/**
 * The one-word status of a verdict.
 *
 * <p>A build failure decides alone, then a policy violation (the code was never run). Otherwise the most serious way any test (or the program) ended
 * decides, in this order:
 * <ol>
 * <li>runtime_error: the code itself crashed, called exit() or killed the run. It is a definite bug,
 *     the most actionable finding, and it may be why other tests misbehaved;</li>
 * <li>time_limit: the code may be merely slow, or stuck;</li>
 * <li>memory_limit, then output_limit: the grader stopped a resource flood, often a debugging leftover;</li>
 * <li>not_run with no other cause: the whole run's clock ran out between tests, a time_limit;</li>
 * <li>failed: everything ran to completion, some assertion was false;</li>
 * <li>passed: every test passed (or there was nothing to run and the code compiled).</li>
 * </ol>
 * Valgrind findings never change the status: they are reported beside it, as in the seed.
 */
public final class StatusPolicy {
    // not_run comes after the limits: tests are left unrun by whatever stopped the run, and that cause
    // (a memory kill, say) is the status; only when nothing else explains it was it the run's clock.
    private static final List<TestStatus> PRECEDENCE = List.of(TestStatus.RUNTIME_ERROR, TestStatus.TIME_LIMIT,
            TestStatus.MEMORY_LIMIT, TestStatus.OUTPUT_LIMIT, TestStatus.NOT_RUN, TestStatus.FAILED);

    private StatusPolicy() {
    }

    public static VerdictStatus decide(CompileOutcome compile, PolicyOutcome policy, RunOutcome run) {
        if (compile.failed()) {
            return compile.failure();
        }
        if (policy != null && policy.violated()) {
            return VerdictStatus.POLICY_VIOLATION;
        }
        if (run == null) {
            return VerdictStatus.PASSED;
        }
        List<TestStatus> endings = run.statuses();
        for (TestStatus status : PRECEDENCE) {
            if (endings.contains(status)) {
                return verdictFor(status);
            }
        }
        return VerdictStatus.PASSED;
    }

    private static VerdictStatus verdictFor(TestStatus status) {
        return switch (status) {
            case RUNTIME_ERROR -> VerdictStatus.RUNTIME_ERROR;
            case TIME_LIMIT, NOT_RUN -> VerdictStatus.TIME_LIMIT;
            case MEMORY_LIMIT -> VerdictStatus.MEMORY_LIMIT;
            case OUTPUT_LIMIT -> VerdictStatus.OUTPUT_LIMIT;
            case FAILED -> VerdictStatus.FAILED;
            case PASSED -> VerdictStatus.PASSED;
        };
    }
}
