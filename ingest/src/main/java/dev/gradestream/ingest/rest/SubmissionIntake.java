package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.ingest.messaging.SubmissionPublisher;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.protocol.validation.SubmissionParser;
import dev.gradestream.results.store.SubmissionEventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import dev.gradestream.results.rest.Problems;

/**
 * What every HTTP entry point does with a body: cap, parse, validate, give it a fresh id, make it
 * known to the read path and publish it.
 */
@ApplicationScoped
public class SubmissionIntake {
    private final IngestConfig config;
    private final SubmissionPublisher publisher;
    private final SubmissionEventStore store;

    SubmissionIntake(IngestConfig config, SubmissionPublisher publisher, SubmissionEventStore store) {
        this.config = config;
        this.publisher = publisher;
        this.store = store;
    }

    /** Parses and validates synchronously, so a bad body is answered before anything is published. */
    public Submission accept(byte[] body) {
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

    public Uni<Void> publish(Submission submission) {
        store.expect(submission.id());
        return publisher.publish(submission);
    }
}
