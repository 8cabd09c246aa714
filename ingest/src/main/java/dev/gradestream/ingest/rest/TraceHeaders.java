package dev.gradestream.ingest.rest;

import dev.gradestream.protocol.trace.TraceContext;
import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The W3C trace context headers a submission endpoint takes, declared once for all of them. */
public class TraceHeaders {
    @HeaderParam(TraceContext.TRACEPARENT)
    @Parameter(description = "W3C trace context of the caller (00-<trace id>-<span id>-<flags>); it is carried in "
            + "the Kafka headers of every record the submission causes. Without it, or if invalid, a new trace is started.",
            example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    String traceparent;

    @HeaderParam(TraceContext.TRACESTATE)
    @Parameter(description = "W3C trace state, passed on unchanged with a valid traceparent")
    String tracestate;
}
