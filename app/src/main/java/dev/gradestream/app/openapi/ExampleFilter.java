package dev.gradestream.app.openapi;

import dev.gradestream.app.openapi.ExampleCatalog.CatalogedExample;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.problem.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;

/**
 * Gives every request body and response of the API the {@link ExampleCatalog}'s examples of its
 * schema, so the examples follow the schemas the annotations declare instead of being listed per
 * endpoint. Registered with {@code mp.openapi.filter}.
 */
public class ExampleFilter implements OASFilter {
    private static final String COMPONENT_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ExampleCatalog catalog = ExampleCatalog.load(ExampleFilter.class.getClassLoader());
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> attach(path, operation, catalog, components)));
    }

    private static void attach(String path, Operation operation, ExampleCatalog catalog, Components components) {
        if (operation.getRequestBody() != null) {
            attach(path, operation.getRequestBody().getContent(), null, catalog, components);
        }
        if (operation.getResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) ->
                    attach(path, response.getContent(), status, catalog, components));
        }
    }

    private static void attach(String path, Content content, String status, ExampleCatalog catalog,
            Components components) {
        if (content == null) {
            return;
        }
        for (MediaType mediaType : content.getMediaTypes().values()) {
            List<CatalogedExample> examples = catalog.of(schemaName(mediaType)).stream()
                    .filter(example -> example.fitsPath(path) && fits(example, status))
                    .toList();
            for (CatalogedExample example : examples) {
                if (components.getExamples() == null || !components.getExamples().containsKey(example.componentName())) {
                    components.addExample(example.componentName(), toModel(example));
                }
                if (mediaType.getExamples() == null || !mediaType.getExamples().containsKey(example.name())) {
                    mediaType.addExample(example.name(), OASFactory.createExample().ref(example.componentName()));
                }
            }
        }
    }

    private static String schemaName(MediaType mediaType) {
        String ref = mediaType.getSchema() == null ? null : mediaType.getSchema().getRef();
        return ref != null && ref.startsWith(COMPONENT_PREFIX) ? ref.substring(COMPONENT_PREFIX.length()) : "";
    }

    /** A problem example shows one status; under any other response code it would be wrong. */
    private static boolean fits(CatalogedExample example, String status) {
        return !example.schema().equals(Problem.class.getSimpleName())
                || example.value().path("status").asText().equals(status);
    }

    private static Example toModel(CatalogedExample example) {
        Example model = OASFactory.createExample()
                .summary(example.summary())
                .value(Json.mapper().convertValue(example.value(), Map.class));
        if (example.schema().equals(StageEvent.class.getSimpleName())) {
            model.description(wireForm(example));
        }
        return model;
    }

    /** The value is the data JSON; the SSE lines around it are named here so a client knows them too. */
    private static String wireForm(CatalogedExample example) {
        return "The value is the JSON of the `data:` line. On the stream this event is `id:"
                + example.value().path("attempt").asText() + "/" + example.value().path("seq").asText()
                + "`, `event:" + example.value().path("type").asText() + "`, `data:` this object on one line.";
    }
}
