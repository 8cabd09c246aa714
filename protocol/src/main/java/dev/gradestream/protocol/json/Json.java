package dev.gradestream.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of the contract, for code that runs outside Quarkus (Kafka serdes, tests,
 * other services). It matches what Quarkus REST's mapper does: ISO-8601 instants, unknown fields ignored.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The value as UTF-8 JSON; the contract's records always serialize, so failure is a bug. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Applies the contract's settings to a mapper someone else owns (Quarkus's, for instance). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
