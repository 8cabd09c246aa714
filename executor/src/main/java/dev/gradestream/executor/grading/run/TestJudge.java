package dev.gradestream.executor.grading.run;

import dev.gradestream.executor.grading.policy.CTokenizer;
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
    TestResult judge(TestCase test, HarnessLine.Finished end, HarnessLine.UserAssert userAssert,
            HarnessLine.UncaughtException exception, String output) {
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
                    : exception != null && signal.equals("SIGABRT") ? "crashed with SIGABRT: an exception of type "
                            + exception.type() + " was not caught" + (exception.what().isEmpty() ? ""
                                    : " (what(): " + exception.what() + ")")
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
            return result(test, end, TestStatus.FAILED, falseAssertion(test, end.evaluated()), null, output);
        }
        return result(test, end, TestStatus.PASSED, null, null, output);
    }

    /**
     * Which assertion was false, when the line has several ({@code assert(v[0] == 1); assert(v[1] == 2);})
     * or evaluates one several times (in a loop). The harness ends a test at its first false assertion,
     * so that one is the last evaluated; how many the line holds is read from its text.
     */
    static String falseAssertion(TestCase test, int evaluated) {
        long written = CTokenizer.tokenize(test.text()).stream()
                .filter(t -> t.kind() == CTokenizer.Kind.IDENTIFIER && t.text().equals("assert")).count();
        if (written > 1 && evaluated <= written) {
            return "the " + ordinal(Math.max(evaluated, 1)) + " of " + written + " assertions on this line was false";
        }
        return evaluated <= 1 ? "the assertion was false"
                : "the " + ordinal(evaluated) + " assertion evaluated on this line was false";
    }

    /** 1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st. */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
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
