package dev.gradestream.results.rest;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the framework's own HTTP errors into problem details that say what to do instead. */
public class ProblemExceptionMappers {

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return Problems.response(415, "Unsupported Media Type",
                "Send the submission as JSON with the header 'Content-Type: application/json'.");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return Problems.response(406, "Not Acceptable",
                "This endpoint answers 'application/json' or 'text/event-stream'; ask for one of them in 'Accept'.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problems.response(404, "Not Found", "There is nothing at this path. See /q/openapi for the API.");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Problems.response(405, "Method Not Allowed",
                "This path does not take that method; allowed: " + e.getResponse().getAllowedMethods() + ".");
    }
}
