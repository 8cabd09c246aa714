package dev.gradestream.app.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example payloads under {@value #ROOT}, by the component schema they are instances of. They are
 * files rather than annotation strings so that they stay real JSON that a test can validate and a
 * person can post with {@code curl -d @file}; the index names them because a classpath directory
 * cannot be listed inside a jar.
 */
final class ExampleCatalog {
    static final String ROOT = "openapi/examples/";

    private final Map<String, List<CatalogedExample>> bySchema;

    private ExampleCatalog(Map<String, List<CatalogedExample>> bySchema) {
        this.bySchema = bySchema;
    }

    static ExampleCatalog load(ClassLoader loader) {
        Map<String, List<CatalogedExample>> bySchema = new LinkedHashMap<>();
        read(loader, "index.json").properties().stream()
                .filter(schema -> !schema.getKey().startsWith("$"))
                .forEach(schema -> {
                    List<CatalogedExample> examples = new ArrayList<>();
                    schema.getValue().properties().forEach(example -> examples.add(new CatalogedExample(
                            schema.getKey(), example.getKey(), summaryOf(example.getValue()), pathsOf(example.getValue()),
                            read(loader, schema.getKey() + "/" + example.getKey() + ".json"))));
                    bySchema.put(schema.getKey(), List.copyOf(examples));
                });
        return new ExampleCatalog(bySchema);
    }

    List<CatalogedExample> of(String schema) {
        return bySchema.getOrDefault(schema, List.of());
    }

    /** An index entry is the summary, or {@code {summary, paths}} for an example that fits only some paths. */
    private static String summaryOf(JsonNode entry) {
        return entry.isObject() ? entry.path("summary").asText() : entry.asText();
    }

    private static List<String> pathsOf(JsonNode entry) {
        List<String> paths = new ArrayList<>();
        entry.path("paths").forEach(path -> paths.add(path.asText()));
        return List.copyOf(paths);
    }

    private static JsonNode read(ClassLoader loader, String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException(ROOT + file + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + file, e);
        }
    }

    /**
     * One payload and what it shows; registered once under {@link #componentName()} and referenced.
     *
     * @param paths the API paths it is an example for (a path fits when it starts with one); empty: all
     */
    record CatalogedExample(String schema, String name, String summary, List<String> paths, JsonNode value) {
        String componentName() {
            return schema + "." + name;
        }

        boolean fitsPath(String path) {
            return paths.isEmpty() || paths.stream().anyMatch(path::startsWith);
        }
    }
}
