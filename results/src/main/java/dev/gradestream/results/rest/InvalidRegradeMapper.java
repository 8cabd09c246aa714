package dev.gradestream.results.rest;

import dev.gradestream.protocol.problem.Problem;
import dev.gradestream.results.regrade.InvalidRegradeException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 400 naming every problem of a regrade request and what to change, as for an invalid submission. */
public class InvalidRegradeMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidRegradeException e) {
        return Problems.response(new Problem("about:blank", "Invalid regrade request", 400, e.getMessage(), null,
                e.violations()));
    }
}
