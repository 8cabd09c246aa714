package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.executor.grading.prepare.TestCase;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;

/**
 * Decides how a test ended from the facts the harness reported. A test passes only if it returned
 * normally and every assertion it evaluated (at least one) was true.
 */
final class TestJudge {
    private final int perTestSeconds;
    private final long outputLimit;

    TestJudge(int perTestSeconds, long outputLimit) {
        this.perTestSeconds = perTestSeconds;
        this.outputLimit = outputLimit;
    }

    long outputLimit() {
        return outputLimit;
    }

    /**
     * The order of the checks matters: a flood is killed by SIGXFSZ (or runs into the clock while its
     * writes fail), so the output limit is named before the signal or the timeout it caused.
     */
    TestResult judge(TestCase test, HarnessLine.Finished end, HarnessLine.UserAssert userAssert, String output) {
        if (end.overflow() || end.end() == HarnessLine.End.SIGNAL && end.value() == Signals.SIGXFSZ) {
            return result(test, end, TestStatus.OUTPUT_LIMIT, "wrote more than " + outputLimit + " bytes of output",
                    null, output);
        }
        if (end.end() == HarnessLine.End.TIMEOUT) {
            return result(test, end, TestStatus.TIME_LIMIT, "did not finish within " + perTestSeconds + " s", null,
                    output);
        }
        if (end.end() == HarnessLine.End.SIGNAL) {
            String signal = Signals.name(end.value());
            String message = userAssert != null && signal.equals("SIGABRT")
                    ? "crashed with SIGABRT: assertion `" + userAssert.assertion() + "` failed in "
                            + userAssert.function() + "() at " + place(userAssert)
                    : Signals.crash(end.value());
            return result(test, end, TestStatus.RUNTIME_ERROR, message, signal, output);
        }
        if (!end.returned()) {
            return result(test, end, TestStatus.RUNTIME_ERROR, "called exit(" + end.value() + ") instead of returning",
                    null, output);
        }
        if (end.evaluated() == 0) {
            return result(test, end, TestStatus.RUNTIME_ERROR, "returned without evaluating its assertion", null,
                    output);
        }
        if (end.falses() > 0) {
            return result(test, end, TestStatus.FAILED, "the assertion was false", null, output);
        }
        return result(test, end, TestStatus.PASSED, null, null, output);
    }

    private static String place(HarnessLine.UserAssert userAssert) {
        String file = SourceNames.userFile(userAssert.file());
        return (file == null ? userAssert.file() : file) + " line " + userAssert.line();
    }

    private static TestResult result(TestCase test, HarnessLine.Finished end, TestStatus status, String message,
            String signal, String output) {
        return new TestResult(test.n(), test.line(), test.expression(), status, message, end.ms(), signal, output);
    }
}
