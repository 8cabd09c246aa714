package dev.gradestream.executor.grading.prepare;

import dev.gradestream.protocol.model.Submission;

/** What the built program is for. */
public enum Mode {
    /** The code's functions are called by the tests, through the harness's main. */
    TESTS,
    /** The code is a program of its own (no tests, or runTests off): run its main with stdin. */
    PROGRAM;

    /** For a submission whose defaults are filled in. */
    public static Mode of(Submission submission) {
        return submission.hasTests() && submission.runTests() ? TESTS : PROGRAM;
    }
}
