package dev.gradestream.ingest.rest;

import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.protocol.validation.InvalidSubmissionException;
import dev.gradestream.results.rest.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 400 naming every invalid field and what to change in it (each message starts with its field). */
public class InvalidSubmissionMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidSubmissionException e) {
        return Problems.response(new Problem("about:blank", "Invalid submission", 400, e.getMessage(), null,
                e.violations()));
    }
}
