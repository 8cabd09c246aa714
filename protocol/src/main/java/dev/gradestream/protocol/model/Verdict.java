package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The final result of grading. The first nine components are the seed's output, spelled as the seed
 * spells them; the rest are additions (DESIGN §3).
 *
 * @param compile          the sources compiled
 * @param build            an executable was linked
 * @param run              the program ran and no test crashed or timed out (a false assertion
 *                         alone leaves this true: see {@code failed_tests})
 * @param compilationTime  seconds, compile and link
 * @param runTime          seconds, the native test run
 * @param valgrind         a short summary in plain words; empty when Valgrind did not run
 * @param regrade          the regrade that produced this verdict; absent for an ordinary grading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Verdict(
        boolean build,
        boolean compile,
        boolean run,
        String output,
        @JsonProperty("compilation_time") double compilationTime,
        @JsonProperty("run_time") double runTime,
        String valgrind,
        @JsonProperty("formatted_response") List<Diagnostic> formattedResponse,
        @JsonProperty("failed_tests") List<Integer> failedTests,
        String id,
        VerdictStatus status,
        List<TestResult> tests,
        ValgrindReport valgrindReport,
        Limits limits,
        Timings timings,
        String attempt,
        Map<String, String> metadata,
        String regrade) {

    /** The verdict of an ordinary grading, not of a regrade. */
    public Verdict(boolean build, boolean compile, boolean run, String output, double compilationTime, double runTime,
            String valgrind, List<Diagnostic> formattedResponse, List<Integer> failedTests, String id,
            VerdictStatus status, List<TestResult> tests, ValgrindReport valgrindReport, Limits limits,
            Timings timings, String attempt, Map<String, String> metadata) {
        this(build, compile, run, output, compilationTime, runTime, valgrind, formattedResponse, failedTests, id,
                status, tests, valgrindReport, limits, timings, attempt, metadata, null);
    }

}
