package dev.gradestream.executor.grading.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the native run produced: per-test results in test mode, or how the program ended in program mode.
 *
 * @param program null in test mode
 * @param output  the tests' outputs one after the other (or the program's stdout), capped, with a note
 *                when something was cut
 */
public record RunOutcome(List<TestResult> tests, ProgramEnd program, String output, long millis) {
    /** Endings that mean the code did not run to completion by itself; a false assertion is not one. */
    private static final Set<TestStatus> ABNORMAL = EnumSet.of(TestStatus.RUNTIME_ERROR, TestStatus.TIME_LIMIT,
            TestStatus.MEMORY_LIMIT, TestStatus.OUTPUT_LIMIT, TestStatus.NOT_RUN);

    /** How a program run (no tests) ended; {@code signal} is set when it was killed by one. */
    public record ProgramEnd(TestStatus status, String message, String signal) {
    }

    public RunOutcome {
        tests = List.copyOf(tests);
    }

    /** The endings that decide the verdict: every test's, or the program's. */
    public List<TestStatus> statuses() {
        return program != null ? List.of(program.status()) : tests.stream().map(TestResult::status).toList();
    }

    /** The seed's {@code run}: the program ran and nothing crashed, hung or flooded. */
    public boolean ranCleanly() {
        return statuses().stream().noneMatch(ABNORMAL::contains);
    }

    /** 1-based numbers of the tests that did not pass. */
    public List<Integer> failedTests() {
        return tests.stream().filter(t -> !t.passed()).map(TestResult::n).toList();
    }

    public double seconds() {
        return millis / 1000.0;
    }

    /** The data of the {@code run-finished} event. */
    public JsonNode eventData() {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("run", ranCleanly());
        data.put("run_time", seconds());
        data.set("failed_tests", Json.mapper().valueToTree(failedTests()));
        data.put("passed", tests.size() - failedTests().size());
        data.put("total", tests.size());
        if (program != null) {
            data.set("program", Json.mapper().valueToTree(program));
        }
        return data;
    }
}
