package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.results.rest.Problems;
import dev.gradestream.results.rest.StageEventSse;
import dev.gradestream.results.store.SubmissionEventStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The write path of DESIGN §4: the seed's {@code POST /submit} and the asynchronous {@code POST /submissions}. */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
public class SubmitResource {
    private final SubmissionIntake intake;
    private final SubmissionEventStore store;
    private final IngestConfig config;

    SubmitResource(SubmissionIntake intake, SubmissionEventStore store, IngestConfig config) {
        this.intake = intake;
        this.store = store;
        this.config = config;
    }

    /** The seed's behaviour: wait for the verdict and return it. */
    @POST
    @Path("/submit")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submitAndWait(byte[] body) {
        Submission submission = intake.accept(body);
        String id = submission.id();
        return intake.publish(submission)
                .onItem().transformToUni(published -> store.follow(id)
                        .filter(event -> event.type().isTerminal())
                        .toUni())
                .onItem().transform(SubmitResource::verdictResponse)
                .ifNoItem().after(waitBudget(submission))
                .recoverWithItem(() -> Response.accepted(links(id)).location(verdictUri(id)).build());
    }

    /** The same submission, streamed: each stage event as SSE, ending after {@code completed}. */
    @POST
    @Path("/submit")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> submitAndStream(byte[] body, @Context Sse sse) {
        Submission submission = intake.accept(body);
        return intake.publish(submission)
                .onItem().transformToMulti(published -> store.follow(submission.id()))
                .map(event -> StageEventSse.toSse(sse, event));
    }

    /** Fire and forget: 202 with where to find the verdict and the events. */
    @POST
    @Path("/submissions")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> enqueue(byte[] body) {
        Submission submission = intake.accept(body);
        String id = submission.id();
        return intake.publish(submission)
                .onItem().transform(published -> Response.accepted(links(id)).location(verdictUri(id)).build());
    }

    private Duration waitBudget(Submission submission) {
        int timeout = submission.withDefaults().timeout();
        return Duration.ofSeconds(2L * timeout).plus(config.verdictWaitMargin());
    }

    private static Response verdictResponse(StageEvent terminal) {
        if (terminal.type() == EventType.COMPLETED) {
            return Response.ok(terminal.data()).build();
        }
        return Problems.response(500, "Grading failed", terminal.data().path("reason").asText(
                "The grader failed without giving a reason.") + " (submission " + terminal.submissionId() + ")");
    }

    private static Map<String, String> links(String id) {
        return Map.of("id", id, "verdict", verdictUri(id).toString(), "events", verdictUri(id) + "/events");
    }

    private static URI verdictUri(String id) {
        return URI.create("/submissions/" + id);
    }
}
