package dev.gradestream.results.rest;

import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.messaging.ResultsChannels;
import dev.gradestream.results.regrade.RegradeBook;
import dev.gradestream.results.regrade.RegradeProducer;
import dev.gradestream.results.regrade.RegradeProgress;
import dev.gradestream.results.regrade.RegradeReport;
import dev.gradestream.results.regrade.RegradeRequestParser;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Regrading by replay (DESIGN §6): start one, read its report, follow its progress. */
@Path("/regrades")
public class RegradeResource {
    static final String PROGRESS = "regrade-progress";
    static final String COMPLETED = "regrade-completed";

    private final RegradeBook book;
    private final RegradeProducer producer;
    private final ResultsConfig config;
    private final String regradesTopic;

    RegradeResource(RegradeBook book, RegradeProducer producer, ResultsConfig config,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.REGRADES_IN + ".topic") String regradesTopic) {
        this.book = book;
        this.producer = producer;
        this.config = config;
        this.regradesTopic = regradesTopic;
    }

    @Operation(summary = "Regrade a range of past submissions",
            description = "Selects the submissions in a range of the submissions topic (from/to: ISO-8601 times, or "
                    + "offsets per partition) whose metadata match 'filter', and grades each again in the batch lane "
                    + "with the given overrides (tests, perTestTimeout, whitelisted, blacklisted). Interactive "
                    + "submissions keep priority. 'dryRun' only counts; 'apply' makes the new verdicts replace the old "
                    + "ones in GET /submissions/{id} (the old stay readable with ?attempt=). 'reason' is required.")
    @APIResponse(responseCode = "202", description = "Accepted; Location: /regrades/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RegradeLinks")))
    @APIResponse(responseCode = "400", description = "The request cannot be run; each violation says what to change",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // waits for Kafka to acknowledge the request
    public Response start(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "RegradeRequest"))) byte[] body) {
        Regrade regrade = RegradeRequestParser.parse(body, Instant.now()); // InvalidRegradeMapper answers a 400
        producer.sendAndWait(regradesTopic, regrade.id(), Json.toBytes(regrade), Map.of());
        book.requested(regrade); // so a GET right after finds it before the topic's consumer does
        String self = "/regrades/" + regrade.id();
        return Response.accepted(Map.of("id", regrade.id(), "state", "selecting", "report", self,
                "events", self + "/events")).location(URI.create(self)).build();
    }

    @Operation(summary = "A regrade's report",
            description = "State (selecting, grading, done, failed), counts, and per submission the verdict before and "
                    + "the regrade's (status, failed tests, leaked bytes). ?changed=true lists only changed ones.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegradeReport.class)))
    @APIResponse(responseCode = "404", description = "No regrade with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking // the first look at a regrade reads its past outcomes from results
    public RegradeReport report(@PathParam("id") String id, @QueryParam("changed") @DefaultValue("false") boolean changedOnly) {
        return book.report(id, changedOnly).orElseThrow(() -> unknown(id));
    }

    @Operation(summary = "A regrade's progress, as Server-Sent Events",
            description = "'regrade-progress' events with {id, state, counts} whenever the counts change, then one "
                    + "'regrade-completed' with the final counts (state done or failed); then the stream ends.")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = RegradeProgress.class)))
    @APIResponse(responseCode = "404", description = "No regrade with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        RegradeProgress first = book.progress(id).orElseThrow(() -> unknown(id));
        Multi<RegradeProgress> snapshots = Multi.createBy().concatenating().streams(Multi.createFrom().item(first),
                Multi.createFrom().ticks().every(config.regrades().progressInterval())
                        .onOverflow().drop()
                        .map(tick -> book.progress(id).orElse(first)));
        return snapshots.skip().repetitions()
                .select().first(progress -> !progress.state().finished())
                .map(progress -> event(sse, PROGRESS, progress))
                .onCompletion().continueWith(() -> List.of(event(sse, COMPLETED, book.progress(id).orElse(first))));
    }

    private static OutboundSseEvent event(Sse sse, String name, RegradeProgress progress) {
        return sse.newEventBuilder().name(name)
                .data(new String(Json.toBytes(progress), java.nio.charset.StandardCharsets.UTF_8)).build();
    }

    private static WebApplicationException unknown(String id) {
        return new WebApplicationException(Problems.response(404, "Unknown regrade",
                "No regrade with id '" + id + "' is known here. Use the id returned by POST /regrades."));
    }
}
