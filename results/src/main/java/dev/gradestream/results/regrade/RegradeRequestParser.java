package dev.gradestream.results.regrade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.RangeBound;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.validation.SubmissionValidator;
import dev.gradestream.protocol.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the body of {@code POST /regrades} into a {@link Regrade}, or says everything wrong with it.
 * Unknown fields are refused: a misspelt {@code filter} would otherwise regrade every submission.
 */
public final class RegradeRequestParser {
    static final int MAX_REASON_LENGTH = 500;
    private static final Set<String> FIELDS = Set.of("from", "to", "filter", "tests", "perTestTimeout", "whitelisted",
            "blacklisted", "reason", "dryRun", "apply");
    /** A submission that passes every check, to judge the overrides with the same rules as a submission. */
    private static final String PROBE_CODE = "int gradestream_probe(void) { return 0; }";

    private RegradeRequestParser() {
    }

    /** @param now when the request was accepted: its {@code createdAt}, and its end when it gives no {@code to} */
    public static Regrade parse(byte[] body, Instant now) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(Violation.ROOT, "the body is not JSON (" + e.getOriginalMessage() + "); send a JSON object "
                    + "such as {\"from\": \"2026-11-26T08:00:00Z\", \"reason\": \"test 3 was wrong\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        if (root == null || !root.isObject()) {
            throw invalid(Violation.ROOT, "send a JSON object with at least \"from\" and \"reason\"");
        }
        List<Violation> out = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                out.add(new Violation(name, name + ": unknown field; the fields are "
                        + FIELDS.stream().sorted().toList()));
            }
        }
        RangeBound from = bound(root, "from", true, out);
        RangeBound to = bound(root, "to", false, out);
        if (from != null && to != null) {
            if (from.isTime() != to.isTime()) {
                out.add(new Violation("to", "to: give from and to the same way, both as times or both as offsets"));
            } else if (from.isTime() && !from.time().isBefore(to.time())) {
                out.add(new Violation("to", "to: must be after from (" + from.time() + "), was " + to.time()));
            }
        }
        if (from != null && from.isTime() && to == null && !from.time().isBefore(now)) {
            out.add(new Violation("from", "from: must be in the past (now is " + now + "), was " + from.time()));
        }
        Map<String, String> filter = filter(root.get("filter"), out);
        String tests = text(root, "tests", out);
        Integer perTestTimeout = integer(root, "perTestTimeout", out);
        List<String> whitelisted = names(root, "whitelisted", out);
        List<String> blacklisted = names(root, "blacklisted", out);
        String reason = text(root, "reason", out);
        if (reason == null || reason.isBlank()) {
            out.add(new Violation("reason", "reason: say why this regrade is run, e.g. \"test 3 expected the wrong value\""));
        } else if (reason.length() > MAX_REASON_LENGTH) {
            out.add(new Violation("reason", "reason: at most " + MAX_REASON_LENGTH + " characters, was " + reason.length()));
        }
        boolean dryRun = flag(root, "dryRun", out);
        boolean apply = flag(root, "apply", out);
        if (dryRun && apply) {
            out.add(new Violation("apply", "apply: a dry run grades nothing, so it has nothing to apply; drop one of the two"));
        }
        checkOverrides(tests, perTestTimeout, whitelisted, blacklisted, out);
        if (!out.isEmpty()) {
            throw new InvalidRegradeException(out);
        }
        return new Regrade(Ids.newSubmissionId(), from, to != null ? to : RangeBound.at(now), filter, tests,
                perTestTimeout, whitelisted, blacklisted, reason.strip(), dryRun, apply, now, null);
    }

    /** The overrides must pass the checks every submission passes, or every regraded one would be refused. */
    private static void checkOverrides(String tests, Integer perTestTimeout, List<String> whitelisted,
            List<String> blacklisted, List<Violation> out) {
        Submission probe = new Submission(null, null, PROBE_CODE, tests, Submission.DEFAULT_TIMEOUT_SECONDS,
                perTestTimeout, whitelisted, blacklisted, null, null, null, null, null, null);
        for (Violation violation : SubmissionValidator.validate(probe)) {
            if (!violation.field().equals("code")) {
                out.add(violation);
            }
        }
    }

    private static RangeBound bound(JsonNode root, String field, boolean required, List<Violation> out) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                out.add(new Violation(field, field + ": required; an ISO-8601 time such as \"2026-11-26T08:00:00Z\", "
                        + "or offsets per partition of submissions such as {\"0\": 120, \"1\": 95}"));
            }
            return null;
        }
        if (node.isTextual()) {
            try {
                return RangeBound.at(OffsetDateTime.parse(node.textValue()).toInstant());
            } catch (DateTimeParseException e) {
                out.add(new Violation(field, field + ": not an ISO-8601 time with an offset, e.g. \"2026-11-26T08:00:00Z\"; was \""
                        + node.textValue() + "\""));
                return null;
            }
        }
        if (node.isObject() && node.size() > 0) {
            Map<Integer, Long> offsets = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = fields.next();
                Integer partition = partitionNumber(entry.getKey());
                JsonNode offset = entry.getValue();
                if (partition == null || !offset.canConvertToLong() || !offset.isIntegralNumber() || offset.asLong() < 0) {
                    out.add(new Violation(field, field + ": each entry maps a partition number to an offset, both "
                            + "whole numbers ≥ 0; \"" + entry.getKey() + "\": " + offset + " is not"));
                    return null;
                }
                offsets.put(partition, offset.asLong());
            }
            return RangeBound.atOffsets(offsets);
        }
        out.add(new Violation(field, field + ": an ISO-8601 time (a string) or a non-empty object of partition offsets"));
        return null;
    }

    private static Integer partitionNumber(String key) {
        try {
            int number = Integer.parseInt(key);
            return number >= 0 ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> filter(JsonNode node, List<Violation> out) {
        Map<String, String> filter = new TreeMap<>();
        if (node == null || node.isNull()) {
            return filter;
        }
        if (!node.isObject()) {
            out.add(new Violation("filter", "filter: an object of metadata entries, e.g. {\"assignment\": \"lab3\"}"));
            return filter;
        }
        node.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                filter.put(entry.getKey(), entry.getValue().textValue());
            } else {
                out.add(new Violation("filter", "filter: metadata values are strings; \"" + entry.getKey() + "\" was "
                        + entry.getValue()));
            }
        });
        return filter;
    }

    private static String text(JsonNode root, String field, List<Violation> out) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            out.add(new Violation(field, field + ": must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static Integer integer(JsonNode root, String field, List<Violation> out) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt()) {
            out.add(new Violation(field, field + ": must be a whole number of seconds"));
            return null;
        }
        return node.intValue();
    }

    private static boolean flag(JsonNode root, String field, List<Violation> out) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            out.add(new Violation(field, field + ": must be true or false"));
            return false;
        }
        return node.booleanValue();
    }

    private static List<String> names(JsonNode root, String field, List<Violation> out) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> names.add(item.isTextual() ? item.textValue() : null));
        }
        if (!node.isArray() || names.contains(null)) {
            out.add(new Violation(field, field + ": must be a list of strings"));
            return null;
        }
        return names;
    }

    private static InvalidRegradeException invalid(String field, String message) {
        return new InvalidRegradeException(List.of(new Violation(field, message)));
    }
}
