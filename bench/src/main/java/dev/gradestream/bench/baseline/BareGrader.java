package dev.gradestream.bench.baseline;

import dev.gradestream.bench.support.Job;

/** A baseline that grades one submission with the bare tools, on the calling thread, no service around it. */
public interface BareGrader {
    /** Runs the tools for {@code job} to their end. */
    void grade(Job job) throws Exception;

    /** The name it has in the report. */
    String name();
}
