package dev.gradestream.ingest.rest;

import dev.gradestream.ingest.config.IngestConfig;
import dev.gradestream.results.rest.NotServedHere;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** With {@code gradestream.ingest.enabled=false}, every write-path endpoint answers 404 (executor and results pods). */
public class WritePathSwitch {
    static final String MODULE = "dev.gradestream.ingest";

    private final IngestConfig config;

    WritePathSwitch(IngestConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> offHere(SimpleResourceInfo resource) {
        return NotServedHere.unlessOn(config.enabled(), resource, MODULE, "gradestream.ingest.enabled", "ingest");
    }
}
