package dev.gradestream.protocol.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.Submission;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bytes to a valid {@link Submission}, or an {@link InvalidSubmissionException} that says what to fix.
 * It reads in two steps, first to a tree and then to the record, so that a syntax error can be told
 * apart from a wrong type and a wrong type can be reported with the value the client actually sent.
 */
public final class SubmissionParser {

    // Stricter than the shared mapper on purpose: garbage after the object is a broken request, and
    // a timeout of 1.5 silently becoming 1 would grade under a limit nobody asked for.
    private static final ObjectReader TREE = Json.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader RECORD = Json.mapper().readerFor(Submission.class)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private SubmissionParser() {
    }

    public static Submission parse(byte[] json) {
        JsonNode tree = readTree(json);
        if (tree == null || !tree.isObject()) {
            throw new InvalidSubmissionException(List.of(new Violation(Violation.ROOT,
                    "the submission must be a JSON object; got " + describe(tree))));
        }
        Submission submission;
        try {
            submission = RECORD.readValue(tree);
        } catch (JsonMappingException e) {
            throw new InvalidSubmissionException(wrongType(tree, e), e);
        } catch (IOException e) {
            throw new InvalidSubmissionException(new Violation(Violation.ROOT,
                    "the submission could not be read: " + e.getMessage()), e);
        }
        return SubmissionValidator.requireValid(submission);
    }

    public static Submission parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readTree(byte[] json) {
        if (json == null || isJsonWhitespace(json)) {
            throw new InvalidSubmissionException(List.of(new Violation(Violation.ROOT,
                    "the submission is empty; send a JSON object with at least \"code\"")));
        }
        try {
            return TREE.readValue(json);
        } catch (MismatchedInputException e) {
            // Blank input is handled above, so the only mismatch a tree can have is text after the value.
            throw new InvalidSubmissionException(new Violation(Violation.ROOT, "the submission is not valid JSON"
                    + where(e.getLocation()) + ": unexpected text after the end of the object"), e);
        } catch (JsonProcessingException e) {
            throw new InvalidSubmissionException(new Violation(Violation.ROOT,
                    "the submission is not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InvalidSubmissionException(new Violation(Violation.ROOT,
                    "the submission could not be read: " + e.getMessage()), e);
        }
    }

    private static boolean isJsonWhitespace(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** "timeout must be a whole number; got "abc"": the field from Jackson's path, the value from the tree. */
    private static Violation wrongType(JsonNode tree, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return new Violation(Violation.ROOT, "the submission could not be read: " + e.getOriginalMessage());
        }
        StringBuilder field = new StringBuilder();
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
                pointer = pointer.appendProperty(ref.getFieldName());
            } else {
                field.append('[').append(ref.getIndex()).append(']');
                pointer = pointer.appendIndex(ref.getIndex());
            }
        }
        JsonNode sent = tree.at(pointer);
        // Every nested value of a submission (list entries, metadata values) is a string.
        String expected = path.size() == 1 ? expectedFor(path.get(0).getFieldName()) : "a string";
        if (sent.isIntegralNumber() && "a whole number".equals(expected)) {
            return new Violation(field.toString(), field + " is out of range; got " + sent.asText());
        }
        return new Violation(field.toString(), field + " must be " + expected + "; got " + describe(sent));
    }

    private static String expectedFor(String component) {
        Class<?> type = Arrays.stream(Submission.class.getRecordComponents())
                .filter(c -> c.getName().equals(component))
                .<Class<?>>map(RecordComponent::getType)
                .findFirst().orElse(Object.class);
        if (type == Integer.class) {
            return "a whole number";
        } else if (type == Boolean.class) {
            return "true or false";
        } else if (type == String.class) {
            return "a string";
        } else if (type == Language.class) {
            return "one of " + Arrays.stream(Language.values()).map(Language::wireName).collect(Collectors.joining(", "));
        } else if (Collection.class.isAssignableFrom(type)) {
            return "an array of strings";
        } else if (Map.class.isAssignableFrom(type)) {
            return "an object whose values are strings";
        }
        return "of another type";
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        } else if (node.isTextual()) {
            return SubmissionValidator.show(node.textValue());
        } else if (node.isArray()) {
            return "an array";
        } else if (node.isObject()) {
            return "an object";
        }
        return node.asText(); // numbers and booleans read the same in a message as in JSON
    }
}
