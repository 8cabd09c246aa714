package dev.gradestream.ingest.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code POST /submit} streams only when the client asks for {@code text/event-stream} by name; any
 * other {@code Accept} (none, {@code *}{@code /*}, a browser's list) gets the seed's JSON verdict. Without
 * this, content negotiation between the two methods on {@code *}{@code /*} is a coin the framework flips.
 */
public class JsonUnlessStreamAsked {

    @ServerRequestFilter(preMatching = true)
    public void preferJson(ContainerRequestContext request) {
        if (!"/submit".equals(request.getUriInfo().getPath())) {
            return;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
