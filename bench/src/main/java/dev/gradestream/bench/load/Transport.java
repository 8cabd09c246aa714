package dev.gradestream.bench.load;

import dev.gradestream.bench.support.GradeStreamClient.Posted;
import java.util.concurrent.CompletableFuture;

/** How a submission reaches the service: over HTTP, or produced straight to the {@code submissions} topic. */
public interface Transport extends AutoCloseable {
    /**
     * Hands the submission over; completes with its id and when it was sent once the service (HTTP 202)
     * or the broker (the record's acknowledgement) has taken it.
     */
    CompletableFuture<Posted> submit(String json);

    /** {@code http} or {@code kafka}, as in the report. */
    String name();

    @Override
    void close();
}
