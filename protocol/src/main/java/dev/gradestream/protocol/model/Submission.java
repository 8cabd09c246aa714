package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A request to grade some code. The first eight fields after {@code id} are the seed's input, kept
 * field for field; the rest are optional additions. Boxed types mean "not given": {@link #withDefaults()}
 * fills them in, validation judges what the client actually sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Submission(
        String id,
        Language language,
        String code,
        String tests,
        Integer timeout,
        Integer perTestTimeout,
        List<String> whitelisted,
        List<String> blacklisted,
        Boolean runTests,
        Boolean valgrind,
        Integer memoryLimitMb,
        String stdin,
        Map<String, String> metadata,
        String regrade) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 15;
    public static final int DEFAULT_PER_TEST_TIMEOUT_SECONDS = 5;

    /** The smallest useful submission: code and tests, everything else defaulted. */
    public static Submission of(String code, String tests) {
        return new Submission(null, null, code, tests, null, null, null, null, null, null, null, null, null, null);
    }

    public Submission withId(String newId) {
        return new Submission(newId, language, code, tests, timeout, perTestTimeout, whitelisted, blacklisted,
                runTests, valgrind, memoryLimitMb, stdin, metadata, regrade);
    }

    public Submission withMemoryLimitMb(Integer megabytes) {
        return new Submission(id, language, code, tests, timeout, perTestTimeout, whitelisted, blacklisted,
                runTests, valgrind, megabytes, stdin, metadata, regrade);
    }

    /** The same submission with every optional field that has a default made explicit. */
    public Submission withDefaults() {
        int total = timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout;
        int perTest = perTestTimeout == null ? Math.min(DEFAULT_PER_TEST_TIMEOUT_SECONDS, total) : perTestTimeout;
        return new Submission(id, language == null ? Language.C : language, code, tests, total, perTest,
                whitelisted, blacklisted, runTests == null ? Boolean.TRUE : runTests,
                valgrind == null ? Boolean.TRUE : valgrind, memoryLimitMb, stdin,
                metadata == null ? Map.of() : metadata, regrade);
    }

    public boolean hasTests() {
        return tests != null && !tests.isBlank();
    }
}
