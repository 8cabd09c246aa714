package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.rest.Heartbeats;
import dev.gradestream.results.rest.Problems;
import dev.gradestream.results.rest.StageEventSse;
import dev.gradestream.results.store.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The write path of DESIGN §4: the seed's {@code POST /submit} and the asynchronous {@code POST /submissions}. */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
// Every entry point takes its body through SubmissionIntake, so every one can refuse it the same ways:
// a bad body, and a queue too long (429) or of unknown length (503).
@APIResponse(responseCode = "400", description = "Invalid submission: every bad field is named",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "413", description = "Body over the size limit",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "415", description = "Body is not application/json",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "More submissions are waiting for the graders than "
        + "gradestream.ingest.max-lag; nothing was queued. Refused until no more than resume-lag are waiting",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until the queue is expected to "
                + "have drained below the resume bound, at its recent rate", schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The queue's length has not been readable from Kafka for "
        + "gradestream.ingest.lag-staleness; nothing was queued",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait before sending again",
                schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SubmitResource {
    /** The two methods' 200s are one response in OpenAPI, with one description for both media types. */
    private static final String SUBMIT_200 = "The verdict, or with 'Accept: text/event-stream' the stage events";

    private final SubmissionIntake intake;
    private final IngestConfig config;
    private final ResultsConfig resultsConfig;

    SubmitResource(SubmissionIntake intake, IngestConfig config, ResultsConfig resultsConfig) {
        this.intake = intake;
        this.config = config;
        this.resultsConfig = resultsConfig;
    }

    /** The seed's behaviour: wait for the verdict and return it. */
    @Operation(summary = "Grade and wait for the verdict (the seed's endpoint), or stream the stage events",
            description = "Answers the verdict when grading ends; 202 with the verdict's Location if it takes longer "
                    + "than twice the submission's timeout plus gradestream.ingest.verdict-wait-margin (30 s). With "
                    + "'Accept: text/event-stream' the stage events are streamed instead as Server-Sent Events: event = "
                    + "the stage type, data = the StageEvent as JSON, id = attempt/seq, a ':keep-alive' comment every "
                    + "gradestream.results.sse-heartbeat (15 s); the stream ends after 'completed' (whose data "
                    + "carries the verdict) or 'error'.")
    @APIResponse(responseCode = "200", description = SUBMIT_200,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verdict.class)))
    @APIResponse(responseCode = "202", description = "Still grading: see Location",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SubmissionLinks")))
    @APIResponse(responseCode = "500", description = "The grader failed (an error event instead of a verdict)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Path("/submit")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submitAndWait(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Submission.class))) byte[] body,
            @BeanParam TraceHeaders trace) {
        Submission submission = intake.accept(body);
        String id = submission.id();
        return intake.publish(submission, trace.traceparent, trace.tracestate)
                .onItem().transformToUni(view -> view.follow(Optional.empty())
                        .filter(event -> event.type().isTerminal())
                        .toUni())
                .onItem().transform(SubmitResource::verdictResponse)
                .ifNoItem().after(waitBudget(submission))
                .recoverWithItem(() -> Response.accepted(links(id)).location(verdictUri(id)).build());
    }

    /** The same submission, streamed: each stage event as SSE, ending after {@code completed}. */
    // No @Operation: OpenAPI has one operation per path and method, so submitAndWait's describes both.
    @APIResponse(responseCode = "200", description = SUBMIT_200,
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = StageEvent.class)))
    @POST
    @Path("/submit")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> submitAndStream(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Submission.class))) byte[] body,
            @BeanParam TraceHeaders trace, @Context Sse sse) {
        Submission submission = intake.accept(body);
        Multi<OutboundSseEvent> events = intake.publish(submission, trace.traceparent, trace.tracestate)
                .onItem().transformToMulti(view -> view.follow(Optional.empty()))
                .map(event -> StageEventSse.toSse(sse, event));
        return Heartbeats.around(events, resultsConfig.sseHeartbeat(), sse);
    }

    /** Fire and forget: 202 with where to find the verdict and the events. */
    @Operation(summary = "Submit for grading without waiting",
            description = "202 with Location: /submissions/{id} and the links to the verdict and the event stream.")
    @APIResponse(responseCode = "202", description = "Accepted: {id, verdict, events}",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SubmissionLinks")))
    @POST
    @Path("/submissions")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> enqueue(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Submission.class))) byte[] body,
            @BeanParam TraceHeaders trace) {
        Submission submission = intake.accept(body);
        String id = submission.id();
        return intake.publish(submission, trace.traceparent, trace.tracestate)
                .onItem().transform(published -> Response.accepted(links(id)).location(verdictUri(id)).build());
    }

    private Duration waitBudget(Submission submission) {
        int timeout = submission.withDefaults().timeout();
        return Duration.ofSeconds(2L * timeout).plus(config.verdictWaitMargin());
    }

    private static Response verdictResponse(StoredEvent terminal) {
        JsonNode data = terminal.event().data();
        if (terminal.type() == EventType.COMPLETED) {
            return Response.ok(data).build();
        }
        return Problems.response(500, "Grading failed", data.path("reason").asText(
                "The grader failed without giving a reason.") + " (submission " + terminal.submissionId() + ")");
    }

    private static Map<String, String> links(String id) {
        return Map.of("id", id, "verdict", verdictUri(id).toString(), "events", verdictUri(id) + "/events");
    }

    private static URI verdictUri(String id) {
        return URI.create("/submissions/" + id);
    }
}
