package dev.gradestream.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.ingest.backpressure.Admission;
import dev.gradestream.ingest.backpressure.Admission.Outcome;
import dev.gradestream.protocol.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class BackpressureProblemsTest {

    @Test
    void overTheBoundIs429WithRetryAfterAndHowManyAreWaiting() {
        Response response = BackpressureProblems.response(new Admission(Outcome.THROTTLED, 2412, 2000, 27, 0));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("27");
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(response.getEntity()).isEqualTo(Problem.of(429, "Too many submissions waiting",
                "2412 submissions are waiting to be graded, more than the limit of 2000. "
                        + "Nothing was queued; send it again in 27 s."));
    }

    @Test
    void anUnknownLagIs503WithRetryAfter() {
        Response response = BackpressureProblems.response(new Admission(Outcome.UNKNOWN, -1, 2000, 10, 14));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("10");
        assertThat(response.getEntity()).isEqualTo(Problem.of(503, "Grading queue unavailable",
                "The length of the grading queue has not been readable from Kafka for 14 s, so nothing was queued; "
                        + "send it again in 10 s."));
    }
}
