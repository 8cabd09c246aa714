package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Valgrind memcheck finding, parsed from its XML.
 *
 * @param kind   memcheck's own name: InvalidRead, InvalidWrite, UninitCondition, InvalidFree,
 *               Leak_DefinitelyLost…
 * @param test   the test it happened in, or null when it happened outside any test
 * @param bytes  for leaks and invalid accesses, the size memcheck reports
 * @param frames the stack, innermost first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValgrindError(String kind, String message, Integer test, Long bytes, Long blocks,
        List<StackFrame> frames) {
}
