package dev.gradestream.executor.grading.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.executor.grading.prepare.SourceNames;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Diagnostic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads gcc's {@code -fdiagnostics-format=json} output: one JSON array per compiler invocation, each
 * item with a kind, a message and locations. Nothing here looks inside the messages.
 */
public final class GccDiagnostics {

    private GccDiagnostics() {
    }

    /** The diagnostics found in the compiler's output; lines that are not a JSON array are skipped. */
    public static List<Diagnostic> parse(String output) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (String line : output.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("[")) {
                continue;
            }
            JsonNode array;
            try {
                array = Json.mapper().readTree(trimmed);
            } catch (IOException notJson) {
                continue;
            }
            for (JsonNode item : array) {
                add(item, diagnostics);
            }
        }
        return diagnostics;
    }

    private static void add(JsonNode item, List<Diagnostic> into) {
        String severity = severity(item.path("kind").asText("error"));
        JsonNode caret = item.path("locations").path(0).path("caret");
        String file = caret.isMissingNode() ? null : SourceNames.userFile(caret.path("file").asText(null));
        // A note on the grader's own glue (the assert macro's definition) says nothing to the user.
        if (severity.equals("note") && file == null) {
            return;
        }
        Integer line = file == null || !caret.has("line") ? null : caret.get("line").asInt();
        Integer column = file == null || !caret.has("column") ? null : caret.get("column").asInt();
        into.add(new Diagnostic(file, line, column, severity, item.path("message").asText(""), "compiler"));
        for (JsonNode child : item.path("children")) {
            add(child, into);
        }
    }

    /** gcc's kinds include "fatal error", "sorry, unimplemented" and "ice" besides the usual three. */
    private static String severity(String kind) {
        return switch (kind) {
            case "warning", "note" -> kind;
            default -> "error";
        };
    }
}
