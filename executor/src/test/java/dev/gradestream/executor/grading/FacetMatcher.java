package dev.gradestream.executor.grading;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares an expected JSON tree with an actual one, facet by facet: objects match when every field
 * the expectation names matches (fields it leaves out are not checked); arrays must have the same length
 * and match item by item; values must be equal (numbers by value). Three suffixes widen a field:
 * {@code message_contains: "SIGSEGV"} checks a substring, {@code output_length: 4096} a length, and
 * {@code run_time_atMost: 1.5} an upper bound on a number (for durations, which are never exact).
 */
final class FacetMatcher {
    private static final String CONTAINS = "_contains";
    private static final String LENGTH = "_length";
    private static final String AT_MOST = "_atMost";

    private FacetMatcher() {
    }

    /** Every mismatch, each with the path where it is, so one run shows all that is wrong. */
    static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        match("$", expected, actual, problems);
        return problems;
    }

    private static void match(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                problems.add(path + ": expected an object, got " + actual);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                matchField(path, field.getKey(), field.getValue(), actual, problems);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                problems.add(path + ": expected " + expected.size() + " items " + expected + ", got " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(path + "[" + i + "]", expected.get(i), actual.get(i), problems);
            }
        } else if (!sameValue(expected, actual)) {
            problems.add(path + ": expected " + expected + ", got " + (actual.isMissingNode() ? "nothing" : actual));
        }
    }

    private static void matchField(String path, String name, JsonNode expected, JsonNode actual,
            List<String> problems) {
        if (name.endsWith(CONTAINS)) {
            String field = name.substring(0, name.length() - CONTAINS.length());
            JsonNode value = actual.path(field);
            if (!value.isTextual() || !value.asText().contains(expected.asText())) {
                problems.add(path + "." + field + ": expected to contain " + expected + ", got " + value);
            }
        } else if (name.endsWith(LENGTH)) {
            String field = name.substring(0, name.length() - LENGTH.length());
            JsonNode value = actual.path(field);
            int length = value.isTextual() ? value.asText().length() : value.size();
            if (length != expected.asInt()) {
                problems.add(path + "." + field + ": expected length " + expected + ", got " + length);
            }
        } else if (name.endsWith(AT_MOST)) {
            String field = name.substring(0, name.length() - AT_MOST.length());
            JsonNode value = actual.path(field);
            if (!value.isNumber() || value.decimalValue().compareTo(expected.decimalValue()) > 0) {
                problems.add(path + "." + field + ": expected at most " + expected + ", got " + value);
            }
        } else {
            match(path + "." + name, expected, actual.path(name), problems);
        }
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNull()) {
            return actual.isNull() || actual.isMissingNode();
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
