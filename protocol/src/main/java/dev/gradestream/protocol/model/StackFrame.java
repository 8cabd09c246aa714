package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A frame of a Valgrind stack, in the user's code ({@code file} is "code" or "tests") or elsewhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackFrame(String function, String file, Integer line) {
}
