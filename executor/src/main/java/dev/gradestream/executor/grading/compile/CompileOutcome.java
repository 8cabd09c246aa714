package dev.gradestream.executor.grading.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.VerdictStatus;
import java.util.List;

/**
 * What compiling and linking produced.
 *
 * @param compiled    the sources compiled to an object
 * @param built       an executable was linked (false also when there was nothing to run: no main, no tests)
 * @param failure     {@link VerdictStatus#COMPILE_ERROR} or {@link VerdictStatus#LINK_ERROR}; null if none
 * @param diagnostics warnings included, in the order the tools reported them
 * @param millis      compile and link together
 */
public record CompileOutcome(boolean compiled, boolean built, VerdictStatus failure, List<Diagnostic> diagnostics,
        long millis) {

    public CompileOutcome {
        diagnostics = List.copyOf(diagnostics);
    }

    public double seconds() {
        return millis / 1000.0;
    }

    /** The data of the {@code compiled} / {@code compile-failed} event. */
    public JsonNode eventData() {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("compile", compiled);
        data.put("build", built);
        data.put("compilation_time", seconds());
        data.set("diagnostics", Json.mapper().valueToTree(diagnostics));
        return data;
    }

    public boolean failed() {
        return failure != null;
    }
}
