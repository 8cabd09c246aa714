package dev.gradestream.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every request and response body an OpenAPI document describes, one per media type. */
final class OpenApiBodies {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String EXAMPLES = "#/components/examples/";

    /**
     * @param status the response code, or null for a request body
     */
    record Body(String operation, String status, String mediaType, JsonNode node) {
        String schema() {
            String ref = node.path("schema").path("$ref").asText();
            return ref.startsWith(SCHEMAS) ? ref.substring(SCHEMAS.length()) : "";
        }

        /** The named examples with any {@code $ref} to {@code components.examples} followed. */
        Map<String, JsonNode> examples(JsonNode document) {
            Map<String, JsonNode> examples = new LinkedHashMap<>();
            node.path("examples").properties().forEach(e -> {
                String ref = e.getValue().path("$ref").asText();
                JsonNode example = ref.startsWith(EXAMPLES)
                        ? document.path("components").path("examples").path(ref.substring(EXAMPLES.length()))
                        : e.getValue();
                examples.put(e.getKey(), example.path("value"));
            });
            return examples;
        }

        @Override
        public String toString() {
            return operation + (status == null ? " request " : " " + status + " ") + mediaType;
        }
    }

    private OpenApiBodies() {
    }

    static List<Body> of(JsonNode document) {
        List<Body> bodies = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            method.getValue().path("requestBody").path("content").properties().forEach(media ->
                    bodies.add(new Body(operation, null, media.getKey(), media.getValue())));
            method.getValue().path("responses").properties().forEach(response ->
                    response.getValue().path("content").properties().forEach(media ->
                            bodies.add(new Body(operation, response.getKey(), media.getKey(), media.getValue()))));
        }));
        return bodies;
    }
}
