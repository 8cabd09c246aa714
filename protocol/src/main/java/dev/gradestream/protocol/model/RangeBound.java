package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One end of a regrade's range of {@code submissions}: a time (the records' timestamps, as
 * {@code offsetsForTimes} reads them) or an offset per partition. In JSON an ISO-8601 string or an
 * object from partition number to offset, e.g. {@code {"0": 120, "3": 80}}.
 */
public record RangeBound(Instant time, Map<Integer, Long> offsets) {

    public RangeBound {
        if ((time == null) == (offsets == null)) {
            throw new IllegalArgumentException("a range bound is a time or offsets, not both and not neither");
        }
        offsets = offsets == null ? null : Map.copyOf(offsets);
    }

    public static RangeBound at(Instant time) {
        return new RangeBound(time, null);
    }

    public static RangeBound atOffsets(Map<Integer, Long> offsets) {
        return new RangeBound(null, offsets);
    }

    public boolean isTime() {
        return time != null;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static RangeBound fromJson(JsonNode node) {
        if (node.isTextual()) {
            return at(Instant.parse(node.textValue()));
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        node.fields().forEachRemaining(field -> offsets.put(Integer.parseInt(field.getKey()), field.getValue().asLong()));
        return atOffsets(offsets);
    }

    @JsonValue
    JsonNode toJson() {
        if (time != null) {
            return JsonNodeFactory.instance.textNode(time.toString());
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(offsets).forEach((partition, offset) -> node.put(String.valueOf(partition), offset));
        return node;
    }
}
