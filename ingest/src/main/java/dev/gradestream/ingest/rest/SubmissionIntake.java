package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.backpressure.Admission;
import dev.gradestream.ingest.backpressure.AdmissionGate;
import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.ingest.messaging.SubmissionPublisher;
import dev.gradestream.ingest.metrics.IntakeMetrics;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.protocol.trace.LogFields;
import dev.gradestream.protocol.trace.TraceContext;
import dev.gradestream.protocol.validation.SubmissionParser;
import dev.gradestream.results.store.SubmissionEventStore;
import dev.gradestream.results.store.SubmissionView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.gradestream.results.rest.Problems;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What every HTTP entry point does with a body: refuse it while the queue is too long, cap, parse,
 * validate, give it a fresh id, make it known to the read path and publish it with the request's trace
 * context.
 */
@ApplicationScoped
public class SubmissionIntake {
    private static final Logger LOG = Logger.getLogger(SubmissionIntake.class);

    private final IngestConfig config;
    private final SubmissionPublisher publisher;
    private final SubmissionEventStore store;
    private final AdmissionGate gate;
    private final IntakeMetrics metrics;

    SubmissionIntake(IngestConfig config, SubmissionPublisher publisher, SubmissionEventStore store,
            AdmissionGate gate, IntakeMetrics metrics) {
        this.config = config;
        this.publisher = publisher;
        this.store = store;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** Parses and validates synchronously, so a bad body is answered before anything is published. */
    public Submission accept(byte[] body) {
        // First: while the queue is too long, parsing a body that will not be queued is wasted work.
        Admission admission = gate.admission();
        if (!admission.open()) {
            throw new WebApplicationException(BackpressureProblems.response(admission));
        }
        if (body == null || body.length == 0) {
            throw new WebApplicationException(Problems.response(400, "Empty body",
                    "Send a JSON object with at least a 'code' field."));
        }
        if (body.length > config.maxBodyBytes()) {
            throw new WebApplicationException(Problems.response(Problem.of(413, "Request too large",
                    "The body is " + body.length + " bytes; the limit is " + config.maxBodyBytes()
                            + " bytes. Shorten the code, tests or stdin.")));
        }
        // HTTP clients always get a fresh id: a chosen id could collide with, or spy on, someone else's.
        return SubmissionParser.parse(body).withId(Ids.newSubmissionId());
    }

    /**
     * Publishes under a span of the caller's trace (the request's {@code traceparent} and {@code tracestate}
     * headers), or of a new trace when the request has none or an invalid one. From here on the request's
     * log lines name the submission and the trace.
     */
    public Uni<SubmissionView> publish(Submission submission, String traceparent, String tracestate) {
        TraceContext trace = TraceContext.parse(traceparent, tracestate).map(TraceContext::child).orElseGet(TraceContext::start);
        // Quarkus keeps the MDC of a request in its Vert.x context: it ends with the request.
        MDC.put(LogFields.SUBMISSION_ID, submission.id());
        MDC.put(LogFields.TRACE_ID, trace.traceId());
        LOG.debug("submission accepted");
        SubmissionView view = store.expect(submission.id());
        return publisher.publish(submission, trace).invoke(metrics::accepted).replaceWith(view);
    }
}
