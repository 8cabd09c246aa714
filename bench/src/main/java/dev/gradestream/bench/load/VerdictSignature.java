package dev.gradestream.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verdict must say for its program to count as graded right, in one line: the status, the failed
 * tests, how many errors Valgrind reported and the bytes it found definitely lost. Valgrind findings never
 * change the status (StatusPolicy), so a leak must be seen here, not in the status.
 */
public final class VerdictSignature {
    private VerdictSignature() {
    }

    /** From a verdict as JSON, as on the wire ({@code completed}'s data) or as the engine returns it, mapped. */
    public static String of(JsonNode verdict) {
        List<Integer> failed = new ArrayList<>();
        verdict.path("failed_tests").forEach(n -> failed.add(n.asInt()));
        JsonNode valgrind = verdict.path("valgrindReport");
        return verdict.path("status").asText() + ", failed tests " + failed + ", Valgrind "
                + (valgrind.path("ran").asBoolean() ? valgrind.path("errors").size() + " errors, "
                        + valgrind.path("leaks").path("definitelyLost").path("bytes").asLong() + " bytes definitely lost"
                        : "not run");
    }
}
