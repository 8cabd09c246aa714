package dev.gradestream.protocol.model;

/** Milliseconds spent in each stage; 0 for a stage that did not run. */
public record Timings(long prepareMs, long compileMs, long policyMs, long testMs, long valgrindMs, long totalMs) {
}
