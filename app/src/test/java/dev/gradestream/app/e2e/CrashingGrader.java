package dev.gradestream.app.e2e;

import dev.gradestream.executor.grading.EventSink;
import dev.gradestream.executor.grading.Grader;
import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * The real engine, except that for a submission whose metadata has {@link #MARKER} every event after
 * {@code started} fails to send, as if the results producer had broken: the engine cannot even report
 * its own failure, so grading throws (the case the executor retries and then dead-letters).
 */
@Alternative
@ApplicationScoped
public class CrashingGrader implements Grader {
    static final String MARKER = "test-crash-the-grader";
    static final String FAILURE = "the results producer is broken (" + MARKER + ")";

    @Inject
    GradingEngine engine;

    @Override
    public Verdict grade(Submission submission, String attempt, EventSink sink) {
        if (submission.metadata() == null || !submission.metadata().containsKey(MARKER)) {
            return engine.grade(submission, attempt, sink);
        }
        return engine.grade(submission, attempt, (type, data) -> {
            if (type != EventType.STARTED) {
                throw new IllegalStateException(FAILURE);
            }
            sink.emit(type, data);
        });
    }
}
