package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The limits a submission was actually graded under, after defaults and server bounds were applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limits(int timeoutSeconds, int perTestTimeoutSeconds, Integer memoryLimitMb, long outputLimitBytes) {
}
