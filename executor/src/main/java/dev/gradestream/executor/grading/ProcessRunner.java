package dev.gradestream.executor.grading;

import java.io.IOException;

/**
 * Launches one process and waits for it. Every launch of the grading engine (compiler, linker, the
 * test binary, Valgrind) goes through this seam, so that a sandboxing implementation can wrap each one
 * without the stages knowing.
 */
public interface ProcessRunner {

    /**
     * Runs the command to completion, or until its wall clock or output cap is reached, in which case
     * the whole process tree is killed. Never throws because of what the process did; only because it
     * could not be started or the caller was interrupted.
     */
    ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException;
}
