package dev.gradestream.executor.grading.valgrind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.ValgrindReport;
import java.util.List;

/**
 * What the Valgrind run found.
 *
 * @param summary     the seed's {@code valgrind} text: one line per finding, or "no memory errors, no leaks"
 * @param diagnostics one per finding, placed at its innermost frame in the user's text
 * @param skipped     tests not run under Valgrind because they hit a limit natively
 */
public record ValgrindOutcome(ValgrindReport report, String summary, List<Diagnostic> diagnostics,
        List<Integer> skipped, long millis) {

    public ValgrindOutcome {
        diagnostics = List.copyOf(diagnostics);
        skipped = List.copyOf(skipped);
    }

    /** The data of the {@code valgrind} event. */
    public JsonNode eventData() {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("summary", summary);
        data.set("report", Json.mapper().valueToTree(report));
        data.set("skipped", Json.mapper().valueToTree(skipped));
        return data;
    }
}
