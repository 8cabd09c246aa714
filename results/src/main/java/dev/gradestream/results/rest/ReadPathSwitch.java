package dev.gradestream.results.rest;

import dev.gradestream.results.config.ResultsConfig;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** With {@code gradestream.results.enabled=false}, every read-path endpoint answers 404 (ingest and executor pods). */
public class ReadPathSwitch {
    static final String MODULE = "dev.gradestream.results";

    private final ResultsConfig config;

    ReadPathSwitch(ResultsConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> offHere(SimpleResourceInfo resource) {
        return NotServedHere.unlessOn(config.enabled(), resource, MODULE, "gradestream.results.enabled", "results");
    }
}
