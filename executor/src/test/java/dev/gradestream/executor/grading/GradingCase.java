package dev.gradestream.executor.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the corpus under {@code resources/cases}: a JSON file with
 * <ul>
 * <li>{@code submission}: as on the wire, except that {@code code}, {@code tests} and {@code stdin} may be
 *     arrays of lines (each line gets a newline), so line numbers can be read off the file;</li>
 * <li>{@code config} (optional): {@code outputLimitBytes} for the engine;</li>
 * <li>{@code expect}: the facets of the verdict to check, in the verdict's own JSON shape (see
 *     {@link FacetMatcher});</li>
 * <li>{@code events} (optional): the exact sequence of event types.</li>
 * </ul>
 */
record GradingCase(String name, String description, Submission submission, long outputLimitBytes, JsonNode expect,
        List<String> events) {

    static Stream<GradingCase> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(GradingCase::load).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GradingCase load(Path file) {
        try {
            JsonNode root = Json.mapper().readTree(file.toFile());
            ObjectNode submission = (ObjectNode) root.get("submission").deepCopy();
            for (String field : List.of("code", "tests", "stdin")) {
                JsonNode value = submission.get(field);
                if (value != null && value.isArray()) {
                    StringBuilder text = new StringBuilder();
                    value.forEach(line -> text.append(line.asText()).append('\n'));
                    submission.set(field, TextNode.valueOf(text.toString()));
                }
            }
            List<String> events = new ArrayList<>();
            root.path("events").forEach(e -> events.add(e.asText()));
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return new GradingCase(name, root.path("description").asText(""),
                    Json.mapper().treeToValue(submission, Submission.class),
                    root.path("config").path("outputLimitBytes").asLong(GradingConfig.DEFAULT_OUTPUT_LIMIT_BYTES),
                    root.get("expect"), events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read case " + file, e);
        }
    }

    private static Path directory() {
        try {
            return Path.of(GradingCase.class.getResource("/cases").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
