package dev.gradestream.executor.grading.verdict;

import dev.gradestream.executor.grading.compile.CompileOutcome;
import dev.gradestream.executor.grading.policy.PolicyOutcome;
import dev.gradestream.executor.grading.prepare.TestCase;
import dev.gradestream.executor.grading.run.RunOutcome;
import dev.gradestream.executor.grading.valgrind.ValgrindOutcome;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.Limits;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Timings;
import dev.gradestream.protocol.model.ValgrindReport;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import java.util.ArrayList;
import java.util.List;

/** Puts the stages' outcomes together into the verdict (DESIGN §3): the seed's nine fields and the rest. */
public final class VerdictAssembler {

    /** What the grading knew when it ended; the outcomes of stages that did not run are null. */
    public record Facts(Submission submission, String attempt, Limits limits, List<TestCase> tests,
            CompileOutcome compile, PolicyOutcome policy, RunOutcome run, ValgrindOutcome valgrind, Timings timings) {
    }

    private VerdictAssembler() {
    }

    public static Verdict assemble(Facts facts) {
        CompileOutcome compile = facts.compile();
        RunOutcome run = facts.run();
        ValgrindOutcome valgrind = facts.valgrind();
        PolicyOutcome policy = facts.policy();
        List<TestResult> tests = run != null ? run.tests() : notRun(facts.tests(), whyNotRun(compile, policy));
        List<Diagnostic> diagnostics = new ArrayList<>(compile.diagnostics());
        if (policy != null) {
            diagnostics.addAll(policy.violations());
        }
        if (run != null) {
            diagnostics.addAll(runDiagnostics(run));
        }
        if (valgrind != null) {
            diagnostics.addAll(valgrind.diagnostics());
        }
        Submission submission = facts.submission();
        return new Verdict(compile.built(), compile.compiled(), run != null && run.ranCleanly(),
                run == null ? "" : run.output(), compile.seconds(), run == null ? 0 : run.seconds(),
                valgrind == null ? "" : valgrind.summary(), diagnostics, failed(tests), submission.id(),
                StatusPolicy.decide(compile, policy, run), tests,
                valgrind == null ? ValgrindReport.NOT_RUN : valgrind.report(), facts.limits(), facts.timings(),
                facts.attempt(), submission.metadata(), submission.regrade());
    }

    /** The grader failed, not the code: every test counts as not passed so no score is given by mistake. */
    public static Verdict internalError(Submission submission, String attempt, Limits limits, List<TestCase> tests,
            Timings timings) {
        List<TestResult> results = notRun(tests, "not run: internal error in the grader");
        return new Verdict(false, false, false, "", 0, 0, "", List.of(), failed(results), submission.id(),
                VerdictStatus.INTERNAL_ERROR, results, ValgrindReport.NOT_RUN, limits, timings, attempt,
                submission.metadata(), submission.regrade());
    }

    private static String whyNotRun(CompileOutcome compile, PolicyOutcome policy) {
        if (!compile.compiled()) {
            return "not run: the code did not compile";
        }
        if (!compile.built()) {
            return "not run: the code did not link";
        }
        return policy != null && policy.violated() ? "not run: the code uses functions this exercise does not allow"
                : "not run";
    }

    private static List<Diagnostic> runDiagnostics(RunOutcome run) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (TestResult test : run.tests()) {
            if (!test.passed()) {
                diagnostics.add(new Diagnostic(Diagnostic.TESTS, test.line(), null, "error",
                        "test " + test.n() + ": " + test.message(), "test"));
            }
        }
        if (run.program() != null && run.program().status() != TestStatus.PASSED) {
            diagnostics.add(new Diagnostic(null, null, null, "error", "the program " + run.program().message(),
                    "test"));
        }
        return diagnostics;
    }

    private static List<TestResult> notRun(List<TestCase> tests, String reason) {
        return tests.stream().map(t -> new TestResult(t.n(), t.line(), t.expression(), TestStatus.NOT_RUN, reason, 0,
                null, null)).toList();
    }

    private static List<Integer> failed(List<TestResult> tests) {
        return tests.stream().filter(t -> !t.passed()).map(TestResult::n).toList();
    }
}
