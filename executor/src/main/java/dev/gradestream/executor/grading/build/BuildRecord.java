package dev.gradestream.executor.grading.build;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import java.util.Objects;

/**
 * What the two build steps did, each as if it had been its own launch, whether they ran in one launch,
 * in two, or came from the cache: the compile stage reads its verdict from these alone.
 *
 * @param compile the compiler's run on the unit ({@code -c})
 * @param link    the link's run; null when it did not run (the compile failed, or there was nothing to link)
 */
public record BuildRecord(ProcessResult compile, ProcessResult link) {

    public BuildRecord {
        Objects.requireNonNull(compile, "compile");
    }

    /** Neither step was stopped by a limit: what they did follows from their inputs alone. */
    public boolean deterministic() {
        return compile.limit() == LimitHit.NONE
                && (link == null || link.limit() == LimitHit.NONE);
    }
}
