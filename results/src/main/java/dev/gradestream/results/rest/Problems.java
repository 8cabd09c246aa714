package dev.gradestream.results.rest;

import dev.gradestream.protocol.problem.Problem;
import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses, the only shape of a GradeStream HTTP error. */
public final class Problems {
    private Problems() {
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(int status, String title, String detail) {
        return response(Problem.of(status, title, detail));
    }
}
