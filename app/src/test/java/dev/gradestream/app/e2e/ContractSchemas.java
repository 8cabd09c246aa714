package dev.gradestream.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gradestream.protocol.Schemas;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validates JSON against the protocol's JSON Schemas where the contract has one, else against the
 * OpenAPI document's own component schema: the protocol's are the authority, the generated ones only
 * say what the annotations claim.
 */
final class ContractSchemas {
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    /** OpenAPI component name to protocol schema resource. */
    private static final Map<String, String> PROTOCOL = Map.of(
            "Submission", Schemas.SUBMISSION, "Verdict", Schemas.VERDICT, "StageEvent", Schemas.STAGE_EVENT);

    private final SchemaRegistry registry;
    private final JsonNode components;

    ContractSchemas(JsonNode openApiDocument) {
        // Preloaded by $id, so "urn:gradestream:schema:1:verdict#/$defs/testResult" resolves too.
        Map<String, String> byId = Schemas.ALL.stream().collect(Collectors.toMap(
                ContractSchemas::id, resource -> new String(Schemas.read(resource), StandardCharsets.UTF_8)));
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
        this.components = openApiDocument.path("components");
    }

    static boolean hasProtocolSchema(String component) {
        return PROTOCOL.containsKey(component);
    }

    /** Errors of {@code value} as an instance of the OpenAPI component schema named {@code component}. */
    List<String> errors(JsonNode value, String component) {
        String resource = PROTOCOL.get(component);
        Schema schema = resource != null ? registry.getSchema(SchemaLocation.of(id(resource))) : componentSchema(component);
        return messages(schema.validate(value));
    }

    /** Errors of {@code value} against a protocol schema or one of its definitions, by URI. */
    List<String> errorsAgainst(JsonNode value, String schemaUri) {
        return messages(registry.getSchema(SchemaLocation.of(schemaUri)).validate(value));
    }

    /** The component with the document's components around it, so its local $refs resolve. */
    private Schema componentSchema(String component) {
        ObjectNode wrapper = Json.mapper().createObjectNode()
                .put("$schema", DIALECT)
                .put("$ref", "#/components/schemas/" + component);
        wrapper.set("components", components);
        return registry.getSchema(wrapper);
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }

    private static String id(String resource) {
        try {
            return Json.mapper().readTree(Schemas.read(resource)).path("$id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
