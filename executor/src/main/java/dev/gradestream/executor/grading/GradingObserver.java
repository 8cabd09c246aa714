package dev.gradestream.executor.grading;

import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;

/**
 * Told of every verdict the engine returns, internal errors included, on the grading thread: where
 * per-verdict metrics are recorded, whichever transport called the engine. Must be thread-safe and quick.
 */
@FunctionalInterface
public interface GradingObserver {
    GradingObserver NONE = (job, verdict) -> { };

    /** @param job the submission as graded (defaults filled in, so its language is set) */
    void graded(Submission job, Verdict verdict);

    /** Told of each build while the build cache is on: whether it came from the cache. */
    default void built(boolean fromCache) {
    }
}
