package dev.gradestream.results.rest;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Turns away requests for the endpoints of a role this instance does not run. One image runs as ingest,
 * executor or results, so the endpoints exist in every instance; whether they answer is decided at run
 * time, by module: every resource of a module belongs to its role (the read path's resources are
 * {@code dev.gradestream.results..}, the write path's {@code dev.gradestream.ingest..}).
 */
public final class NotServedHere {
    private NotServedHere() {
    }

    /**
     * @param on        whether this instance runs the role
     * @param module    the role's root package
     * @param switchKey the configuration key that turned the role off
     * @param service   the deployment that serves these endpoints instead
     */
    public static Optional<Response> unlessOn(boolean on, SimpleResourceInfo resource, String module,
            String switchKey, String service) {
        if (on || resource == null || resource.getResourceClass() == null
                || !resource.getResourceClass().getPackageName().startsWith(module)) {
            return Optional.empty();
        }
        return Optional.of(Problems.response(404, "Not served here",
                "This instance does not run the " + service + " role (" + switchKey + "=false). Send this request to"
                        + " the " + service + " service."));
    }
}
