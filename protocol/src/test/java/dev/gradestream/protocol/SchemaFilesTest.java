package dev.gradestream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.LeakTotals;
import dev.gradestream.protocol.model.Limits;
import dev.gradestream.protocol.model.StackFrame;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.TestResult;
import dev.gradestream.protocol.model.TestStatus;
import dev.gradestream.protocol.model.Timings;
import dev.gradestream.protocol.model.ValgrindError;
import dev.gradestream.protocol.model.ValgrindReport;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictStatus;
import dev.gradestream.protocol.validation.SubmissionValidator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Keeps the published JSON Schemas in step with the records and the validator. Without a schema
 * validator library this checks what drifts in practice: field names, required lists, enums and limits.
 */
class SchemaFilesTest {

    private static final ObjectMapper MAPPER = Json.mapper();
    static final List<String> SCHEMAS = Schemas.ALL;

    private static JsonNode schema(String resource) throws IOException {
        return MAPPER.readTree(Schemas.read(resource));
    }

    /** The names Jackson actually writes for a record, @JsonProperty renames included. */
    private static List<String> jsonNames(Class<?> type) {
        return MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).toList();
    }

    /** Jackson always writes primitives; with NON_NULL it leaves out the rest when null. */
    private static List<String> alwaysWritten(Class<? extends Record> type) {
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        boolean nonNull = include != null && include.value() == JsonInclude.Include.NON_NULL;
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = jsonNames(type);
        return IntStream.range(0, components.length)
                .filter(i -> !nonNull || components[i].getType().isPrimitive())
                .mapToObj(names::get)
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> keys(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static <E extends Enum<E>> List<String> wireNames(E[] values, java.util.function.Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    @ParameterizedTest
    @FieldSource("SCHEMAS")
    void isDraft2020JsonWithResolvableRefs(String resource) throws IOException {
        JsonNode schema = schema(resource);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).startsWith("urn:gradestream:schema:1:");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        for (JsonNode ref : schema.findValues("$ref")) {
            assertThat(schema.at(ref.asText().substring(1)).isObject()).as(ref.asText()).isTrue();
        }
        for (JsonNode pattern : schema.findValues("pattern")) {
            Pattern.compile(pattern.asText()); // ECMA-262 and Java agree on the simple patterns used here
        }
    }

    @Test
    void submissionSchemaHasTheRecordsFieldsAndOnlyCodeRequired() throws IOException {
        JsonNode schema = schema(Schemas.SUBMISSION);

        assertThat(keys(schema.get("properties"))).containsExactlyElementsOf(jsonNames(Submission.class));
        assertThat(texts(schema.get("required"))).containsExactly("code");
        assertThat(texts(schema.at("/properties/language/enum")))
                .containsExactlyElementsOf(Stream.concat(wireNames(Language.values(), Language::wireName).stream(),
                        Stream.of("null")).toList());
        assertThat(schema.at("/properties/language/enum").get(2).isNull()).isTrue();
    }

    @Test
    void submissionSchemaQuotesTheValidatorsLimits() throws IOException {
        JsonNode p = schema(Schemas.SUBMISSION).get("properties");
        JsonNode defs = schema(Schemas.SUBMISSION).get("$defs");

        assertThat(p.at("/id/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_ID_LENGTH);
        assertThat(p.at("/id/pattern").asText()).isEqualTo("^" + SubmissionValidator.ID_REGEX + "$");
        assertThat(p.at("/code/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_CODE_BYTES);
        assertThat(p.at("/tests/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_TESTS_BYTES);
        assertThat(p.at("/tests/x-maxTests").asInt()).isEqualTo(SubmissionValidator.MAX_TESTS);
        assertThat(p.at("/timeout/minimum").asInt()).isEqualTo(SubmissionValidator.MIN_TIMEOUT_SECONDS);
        assertThat(p.at("/timeout/maximum").asInt()).isEqualTo(SubmissionValidator.MAX_TIMEOUT_SECONDS);
        assertThat(p.at("/perTestTimeout/minimum").asInt()).isEqualTo(SubmissionValidator.MIN_PER_TEST_TIMEOUT_SECONDS);
        assertThat(p.at("/perTestTimeout/maximum").asInt()).isEqualTo(SubmissionValidator.MAX_TIMEOUT_SECONDS);
        assertThat(p.at("/whitelisted/maxItems").asInt()).isEqualTo(SubmissionValidator.MAX_LIST_ENTRIES);
        assertThat(p.at("/blacklisted/maxItems").asInt()).isEqualTo(SubmissionValidator.MAX_LIST_ENTRIES);
        assertThat(defs.at("/identifier/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_NAME_LENGTH);
        assertThat(defs.at("/identifier/pattern").asText()).isEqualTo("^" + SubmissionValidator.IDENTIFIER_REGEX + "$");
        assertThat(defs.at("/headerName/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_NAME_LENGTH);
        assertThat(defs.at("/headerName/pattern").asText()).isEqualTo("^" + SubmissionValidator.HEADER_REGEX + "$");
        assertThat(p.at("/memoryLimitMb/minimum").asInt()).isEqualTo(SubmissionValidator.MIN_MEMORY_LIMIT_MB);
        assertThat(p.at("/memoryLimitMb/maximum").asInt()).isEqualTo(SubmissionValidator.MAX_MEMORY_LIMIT_MB);
        assertThat(p.at("/stdin/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_STDIN_BYTES);
        assertThat(p.at("/metadata/maxProperties").asInt()).isEqualTo(SubmissionValidator.MAX_METADATA_ENTRIES);
        assertThat(p.at("/metadata/propertyNames/maxLength").asInt()).isEqualTo(SubmissionValidator.MAX_METADATA_KEY_LENGTH);
        assertThat(p.at("/metadata/additionalProperties/maxLength").asInt())
                .isEqualTo(SubmissionValidator.MAX_METADATA_VALUE_LENGTH);
    }

    @Test
    void stageEventSchemaMatchesTheRecordAndEventTypes() throws IOException {
        JsonNode schema = schema(Schemas.STAGE_EVENT);

        assertThat(keys(schema.get("properties"))).containsExactlyElementsOf(jsonNames(StageEvent.class));
        // Every field but the optional regrade id is required.
        assertThat(texts(schema.get("required"))).containsExactlyElementsOf(
                jsonNames(StageEvent.class).stream().filter(name -> !name.equals("regrade")).toList());
        assertThat(texts(schema.at("/properties/type/enum")))
                .containsExactlyElementsOf(wireNames(EventType.values(), EventType::wireName));
        assertThat(schema.at("/properties/attempt/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/seq/type").asText()).isEqualTo("integer");
        // 0 is the read path's superseded notice; executors number from 1.
        assertThat(schema.at("/properties/seq/minimum").asInt()).isEqualTo(0);
        assertThat(schema.at("/properties/at/format").asText()).isEqualTo("date-time");
        assertThat(schema.at("/properties/data/type").asText()).isEqualTo("object");
    }

    @Test
    void verdictSchemaRequiresTheSeedsNineFieldsAndListsTheAdditions() throws IOException {
        JsonNode schema = schema(Schemas.VERDICT);

        assertThat(keys(schema.get("properties"))).containsExactlyElementsOf(jsonNames(Verdict.class));
        assertThat(texts(schema.get("required"))).containsExactly("build", "compile", "run", "output",
                "compilation_time", "run_time", "valgrind", "formatted_response", "failed_tests");
        assertThat(texts(schema.at("/properties/status/enum")))
                .containsExactlyElementsOf(wireNames(VerdictStatus.values(), VerdictStatus::wireName));
        assertThat(texts(schema.at("/$defs/testResult/properties/status/enum")))
                .containsExactlyElementsOf(wireNames(TestStatus.values(), TestStatus::wireName));
        assertThat(texts(schema.at("/$defs/diagnostic/properties/file/enum")))
                .containsExactly(Diagnostic.CODE, Diagnostic.TESTS);
    }

    @Test
    void verdictSchemaDefinitionsMatchTheNestedRecords() throws IOException {
        JsonNode defs = schema(Schemas.VERDICT).get("$defs");
        Map<String, Class<? extends Record>> records = Map.of("diagnostic", Diagnostic.class,
                "testResult", TestResult.class, "valgrindReport", ValgrindReport.class,
                "valgrindError", ValgrindError.class, "stackFrame", StackFrame.class, "leakTotals", LeakTotals.class,
                "amount", LeakTotals.Amount.class, "limits", Limits.class, "timings", Timings.class);

        assertThat(keys(defs)).containsExactlyInAnyOrderElementsOf(records.keySet());
        records.forEach((name, type) -> {
            JsonNode def = defs.get(name);
            assertThat(keys(def.get("properties"))).as(name).containsExactlyElementsOf(jsonNames(type));
            assertThat(texts(def.path("required"))).as(name).containsExactlyElementsOf(alwaysWritten(type));
        });
    }

    @Test
    void writtenRecordsHaveTheSchemasRequiredFieldsAndNoOthers() throws IOException {
        JsonNode verdictSchema = schema(Schemas.VERDICT);
        JsonNode verdict = MAPPER.valueToTree(Samples.verdict());
        assertThat(shapeErrors(verdict, verdictSchema, verdictSchema, "")).isEmpty();

        JsonNode eventSchema = schema(Schemas.STAGE_EVENT);
        JsonNode event = MAPPER.valueToTree(new StageEvent("s", "a", 1, EventType.COMPLETED,
                java.time.Instant.now(), verdict));
        assertThat(shapeErrors(event, eventSchema, eventSchema, "")).isEmpty();
    }

    /** Required fields present and no field the schema does not name, following local $refs. */
    private static List<String> shapeErrors(JsonNode value, JsonNode schema, JsonNode root, String at) {
        if (schema.has("$ref")) {
            return shapeErrors(value, root.at(schema.get("$ref").asText().substring(1)), root, at);
        }
        List<String> errors = new ArrayList<>();
        if (value.isObject() && schema.has("properties")) {
            texts(schema.path("required")).stream().filter(f -> !value.has(f))
                    .forEach(f -> errors.add(at + "/" + f + " is required"));
            value.properties().forEach(e -> {
                JsonNode sub = schema.get("properties").get(e.getKey());
                if (sub == null) {
                    errors.add(at + "/" + e.getKey() + " is not in the schema");
                } else {
                    errors.addAll(shapeErrors(e.getValue(), sub, root, at + "/" + e.getKey()));
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                errors.addAll(shapeErrors(value.get(i), schema.get("items"), root, at + "/" + i));
            }
        }
        return errors;
    }
}
