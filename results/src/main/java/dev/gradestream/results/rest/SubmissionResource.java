package dev.gradestream.results.rest;

import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.history.SubmissionHistory;
import dev.gradestream.results.store.StoredEvent;
import dev.gradestream.results.store.StreamPosition;
import dev.gradestream.results.store.SubmissionEventStore;
import dev.gradestream.results.store.SubmissionView;
import dev.gradestream.results.store.VerdictIndex;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.Optional;

/** The read path of DESIGN §4: a submission's verdict and its live event stream. */
@Path("/submissions/{id}")
public class SubmissionResource {
    private static final String UNKNOWN = "Unknown id: neither on results nor on submissions around the id's time "
            + "(an id that is not a UUIDv7 is known only if this instance saw it live)";

    private final SubmissionEventStore store;
    private final VerdictIndex verdicts;
    private final ResultsConfig config;
    private final SubmissionHistory history;

    SubmissionResource(SubmissionEventStore store, VerdictIndex verdicts, ResultsConfig config, SubmissionHistory history) {
        this.history = history;
        this.store = store;
        this.verdicts = verdicts;
        this.config = config;
    }

    /**
     * 200 with the verdict (from the verdict index, else a terminal event in the submission's stream);
     * 202 with the latest stage while running or queued; 404 for an id never submitted.
     */
    @Operation(summary = "The verdict of a submission")
    @APIResponse(responseCode = "200", description = "The verdict. When the grading itself failed (an 'error' event "
            + "and no verdict), instead {id, status: internal_error, error: {reason}}.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verdict.class)))
    @APIResponse(responseCode = "202", description = "Accepted, not finished: {id, status: running, stage}; stage is "
            + "'queued' until an executor starts it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SubmissionProgress")))
    @APIResponse(responseCode = "404", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response verdict(@PathParam("id") String id, @Parameter(description = "An attempt id (a verdict's "
            + "'attempt'): that attempt's verdict, e.g. the one an applied regrade replaced") @QueryParam("attempt") String attempt) {
        if (attempt != null) {
            return attemptVerdict(id, attempt);
        }
        Optional<byte[]> verdict = verdicts.verdict(id);
        if (verdict.isPresent()) {
            return Response.ok(verdict.get(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        Optional<SubmissionView> submission = store.find(id);
        if (submission.isEmpty()) {
            return unknown(id);
        }
        Optional<StoredEvent> completion = submission.get().completion();
        if (completion.isPresent() && completion.get().type() == EventType.COMPLETED) {
            return Response.ok(completion.get().event().data()).build();
        }
        if (completion.isPresent()) { // error: the grading itself failed; say why
            return Response.ok(Map.of("id", id, "status", "internal_error", "error", completion.get().event().data())).build();
        }
        String stage = submission.get().latest().map(event -> event.type().wireName()).orElse(EventType.QUEUED.wireName());
        return Response.accepted(Map.of("id", id, "status", "running", "stage", stage)).build();
    }

    /** SSE: every event of the submission from the first, live ones as they come, then the end. */
    @Operation(summary = "The stage events of a submission, as Server-Sent Events",
            description = "From the first event (a late joiner gets the whole stream), then live; ends after "
                    + "'completed' or 'error'. event = the stage type, data = the StageEvent as JSON, id = attempt/seq. "
                    + "Reconnect with Last-Event-ID to get exactly the events after that one; an id of an older "
                    + "attempt gets a 'superseded' event (seq 0) and the latest attempt from its start, an id that "
                    + "does not parse the latest attempt from its start. When a newer attempt starts mid-stream, "
                    + "'superseded' comes before its events. A ':keep-alive' comment line comes every "
                    + "gradestream.results.sse-heartbeat (15 s) while the stream is open.")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = StageEvent.class)))
    @APIResponse(responseCode = "404", description = UNKNOWN,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking // the look-up may read the submission's past from Kafka; the stream itself is not blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") String id,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        SubmissionView submission = store.find(id)
                .orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(unknown(id)));
        Multi<OutboundSseEvent> events = submission.follow(StreamPosition.parse(lastEventId))
                .map(event -> StageEventSse.toSse(sse, event));
        return Heartbeats.around(events, config.sseHeartbeat(), sse);
    }

    private Response attemptVerdict(String id, String attempt) {
        return history.endOf(id, attempt).map(end -> end.type() == EventType.COMPLETED
                        ? Response.ok(end.event().data()).build()
                        : Response.ok(Map.of("id", id, "status", "internal_error", "attempt", attempt,
                                "error", end.event().data())).build())
                .orElseGet(() -> Problems.response(404, "Unknown attempt", "Submission '" + id + "' has no finished "
                        + "attempt '" + attempt + "'. Attempt ids are the 'attempt' of its verdicts and events."));
    }

    private static Response unknown(String id) {
        return Problems.response(404, "Unknown submission",
                "No submission with id '" + id + "' is known here. Use the id returned by POST /submissions.");
    }
}
