package dev.gradestream.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schemas (draft 2020-12) of the contract, shipped on the classpath so that a service can
 * serve them and a producer in another language can check its records against them.
 */
public final class Schemas {
    public static final String SUBMISSION = "schemas/submission.schema.json";
    public static final String STAGE_EVENT = "schemas/stage-event.schema.json";
    public static final String VERDICT = "schemas/verdict.schema.json";

    public static final List<String> ALL = List.of(SUBMISSION, STAGE_EVENT, VERDICT);

    private Schemas() {
    }

    /** The bytes of one of {@link #ALL}. */
    public static byte[] read(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
