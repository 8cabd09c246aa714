package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.backpressure.Admission;
import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.results.rest.Problems;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The answers to a submission the gate refuses: 429 while the queue is too long, 503 while its length is unknown. */
final class BackpressureProblems {
    private BackpressureProblems() {
    }

    static Response response(Admission admission) {
        Problem problem = switch (admission.outcome()) {
            case THROTTLED -> Problem.of(429, "Too many submissions waiting", admission.lag()
                    + " submissions are waiting to be graded, more than the limit of " + admission.maxLag()
                    + ". Nothing was queued; send it again in " + admission.retryAfterSeconds() + " s.");
            case UNKNOWN -> Problem.of(503, "Grading queue unavailable", "The length of the grading queue has not "
                    + "been readable from Kafka for " + admission.unreadSeconds() + " s, so nothing was queued; "
                    + "send it again in " + admission.retryAfterSeconds() + " s.");
            case OPEN -> throw new IllegalArgumentException("An open gate refuses nothing");
        };
        return Response.fromResponse(Problems.response(problem))
                .header(HttpHeaders.RETRY_AFTER, admission.retryAfterSeconds())
                .build();
    }
}
