package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.metrics.IntakeMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts the refusals of the submission endpoints by the status they were answered with: a 415 is
 * decided by the framework before any of our code runs, so the response is the one place all refusals pass.
 */
public class RejectionCounter {
    private static final Set<String> SUBMISSION_PATHS = Set.of("/submit", "/submissions");

    private final IntakeMetrics metrics;

    RejectionCounter(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if ("POST".equals(request.getMethod()) && SUBMISSION_PATHS.contains(request.getUriInfo().getPath())) {
            metrics.answered(response.getStatus());
        }
    }
}
