package dev.gradestream.protocol.validation;

import static dev.gradestream.protocol.validation.SubmissionValidator.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Submission;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmissionValidatorTest {

    /** A valid submission changed by {@code edit}, built through JSON so the test reads like a request. */
    private static Submission submission(Consumer<ObjectNode> edit) {
        ObjectNode json = Json.mapper().createObjectNode()
                .put("code", "int add(int a,int b){return a+b;}")
                .put("tests", "assert(add(1,2)==3);");
        edit.accept(json);
        try {
            return Json.mapper().treeToValue(json, Submission.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertOnly(Submission s, String field, String message) {
        assertThat(validate(s)).containsExactly(new Violation(field, message));
    }

    private static void assertValid(Submission s) {
        assertThat(validate(s)).isEmpty();
    }

    private static ArrayNode names(int count) {
        ArrayNode array = Json.mapper().createArrayNode();
        IntStream.range(0, count).forEach(i -> array.add("f" + i));
        return array;
    }

    @Test
    void aPlainSubmissionIsValid() {
        assertValid(submission(j -> { }));
        assertValid(Submission.of("int x;", null));
    }

    @Test
    void codeIsRequired() {
        assertOnly(submission(j -> j.remove("code")), "code", "code is required; send the source code as a string");
    }

    @Test
    void codeMustNotBeBlank() {
        assertOnly(submission(j -> j.put("code", " \n\t")), "code", "code must not be blank");
    }

    @Test
    void codeMayBeExactly256KiB() {
        assertValid(submission(j -> j.put("code", "x".repeat(262144))));
    }

    @Test
    void codeOneByteOver256KiBIsRejected() {
        assertOnly(submission(j -> j.put("code", "x".repeat(262145))), "code",
                "code must be at most 262144 bytes (256 KiB) in UTF-8; got 262145 bytes");
    }

    @Test
    void codeSizeCountsUtf8BytesNotCharacters() {
        assertOnly(submission(j -> j.put("code", "é".repeat(131073))), "code",
                "code must be at most 262144 bytes (256 KiB) in UTF-8; got 262146 bytes");
    }

    @Test
    void testsMayBeExactly64KiB() {
        assertValid(submission(j -> j.put("tests", "x".repeat(65536))));
    }

    @Test
    void testsOver64KiBAreRejected() {
        assertOnly(submission(j -> j.put("tests", "x".repeat(65537))), "tests",
                "tests must be at most 65536 bytes (64 KiB) in UTF-8; got 65537 bytes");
    }

    @Test
    void fiveHundredTestsAreAllowed() {
        String tests = "assert(1);\n".repeat(500);
        assertValid(submission(j -> j.put("tests", tests)));
    }

    @Test
    void fiveHundredAndOneTestsAreRejected() {
        String tests = "assert(1);\n".repeat(501);
        assertOnly(submission(j -> j.put("tests", tests)), "tests",
                "tests must hold at most 500 tests (one per non-empty line); got 501");
    }

    @Test
    void blankLinesAreNotTests() {
        assertThat(SubmissionValidator.countTests("a\n\n   \r\nb\r\n\tc\n")).isEqualTo(3);
        assertThat(SubmissionValidator.countTests(null)).isZero();
        assertValid(submission(j -> j.put("tests", "assert(1);\n  \n".repeat(500))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 60})
    void timeoutWithinOneToSixtySecondsIsValid(int timeout) {
        assertValid(submission(j -> j.put("timeout", timeout)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 61, -5})
    void timeoutOutsideOneToSixtySecondsIsRejected(int timeout) {
        assertOnly(submission(j -> j.put("timeout", timeout)), "timeout",
                "timeout must be between 1 and 60 seconds; got " + timeout);
    }

    @Test
    void perTestTimeoutMayEqualTimeout() {
        assertValid(submission(j -> j.put("timeout", 10).put("perTestTimeout", 10)));
        assertValid(submission(j -> j.put("perTestTimeout", 15)));
    }

    @Test
    void perTestTimeoutAboveTimeoutIsRejected() {
        assertOnly(submission(j -> j.put("timeout", 10).put("perTestTimeout", 11)), "perTestTimeout",
                "perTestTimeout must be between 1 second and timeout (10 seconds); got 11");
    }

    @Test
    void perTestTimeoutIsBoundedByTheDefaultTimeoutWhenNoneIsGiven() {
        assertOnly(submission(j -> j.put("perTestTimeout", 16)), "perTestTimeout",
                "perTestTimeout must be between 1 second and timeout (15 seconds by default); got 16");
    }

    @Test
    void perTestTimeoutOfZeroIsRejected() {
        assertOnly(submission(j -> j.put("perTestTimeout", 0)), "perTestTimeout",
                "perTestTimeout must be between 1 second and timeout (15 seconds by default); got 0");
    }

    @Test
    void aBadTimeoutDoesNotDragAPlausiblePerTestTimeoutDownWithIt() {
        assertOnly(submission(j -> j.put("timeout", 0).put("perTestTimeout", 5)), "timeout",
                "timeout must be between 1 and 60 seconds; got 0");
        assertThat(validate(submission(j -> j.put("timeout", 61).put("perTestTimeout", 61))))
                .extracting(Violation::field).containsExactly("timeout", "perTestTimeout");
    }

    @Test
    void whitelistedAcceptsIdentifiers() {
        assertValid(submission(j -> j.putArray("whitelisted").add("printf").add("_exit").add("strlen2")
                .add("a".repeat(64))));
    }

    @Test
    void whitelistedRejectsAnythingButAnIdentifier() {
        assertOnly(submission(j -> j.putArray("whitelisted").add("printf").add("puts").add("pri ntf")),
                "whitelisted[2]",
                "whitelisted[2] must be a C identifier (letters, digits and _, not starting with a digit); got \"pri ntf\"");
        assertOnly(submission(j -> j.putArray("whitelisted").add("2fast")), "whitelisted[0]",
                "whitelisted[0] must be a C identifier (letters, digits and _, not starting with a digit); got \"2fast\"");
    }

    @Test
    void whitelistedRejectsHeadersWithAHint() {
        assertOnly(submission(j -> j.putArray("whitelisted").add("stdio.h")), "whitelisted[0]",
                "whitelisted[0] must be a C identifier (letters, digits and _, not starting with a digit); "
                        + "got \"stdio.h\" (headers can only be blacklisted)");
    }

    @Test
    void namesLongerThan64CharactersAreRejected() {
        assertOnly(submission(j -> j.putArray("whitelisted").add("a".repeat(65))), "whitelisted[0]",
                "whitelisted[0] must be at most 64 characters; got 65");
    }

    @Test
    void nullEntriesAreRejected() {
        assertOnly(submission(j -> j.putArray("blacklisted").add("system").addNull()), "blacklisted[1]",
                "blacklisted[1] must be a C identifier such as system, or a header name such as stdio.h; got null");
    }

    @Test
    void blacklistedAcceptsIdentifiersAndHeaders() {
        assertValid(submission(j -> j.putArray("blacklisted").add("system").add("stdio.h").add("sys/socket.h")
                .add("c++config.h").add("fork")));
    }

    @Test
    void blacklistedRejectsHeadersThatClimbOutOrAreNotHeaders() {
        assertOnly(submission(j -> j.putArray("blacklisted").add("../secret.h")), "blacklisted[0]",
                "blacklisted[0] must be a C identifier such as system, or a header name such as stdio.h; got \"../secret.h\"");
        assertOnly(submission(j -> j.putArray("blacklisted").add("stdio.c")), "blacklisted[0]",
                "blacklisted[0] must be a C identifier such as system, or a header name such as stdio.h; got \"stdio.c\"");
        assertOnly(submission(j -> j.putArray("blacklisted").add("my header.h")), "blacklisted[0]",
                "blacklisted[0] must be a C identifier such as system, or a header name such as stdio.h; got \"my header.h\"");
    }

    @Test
    void listsMayHold200Entries() {
        assertValid(submission(j -> {
            j.set("whitelisted", names(200));
            j.set("blacklisted", names(200));
        }));
    }

    @Test
    void listsOf201EntriesAreRejectedOnce() {
        assertOnly(submission(j -> j.set("whitelisted", names(201))), "whitelisted",
                "whitelisted must have at most 200 entries; got 201");
        assertOnly(submission(j -> j.set("blacklisted", names(201))), "blacklisted",
                "blacklisted must have at most 200 entries; got 201");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 256, 4096})
    void memoryLimitWithinRangeIsValid(int mb) {
        assertValid(submission(j -> j.put("memoryLimitMb", mb)));
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 4097})
    void memoryLimitOutOfRangeIsRejected(int mb) {
        assertOnly(submission(j -> j.put("memoryLimitMb", mb)), "memoryLimitMb",
                "memoryLimitMb must be between 16 and 4096 MiB; got " + mb);
    }

    @Test
    void stdinMayBe64KiB() {
        assertValid(submission(j -> j.put("stdin", "1".repeat(65536))));
    }

    @Test
    void stdinOver64KiBIsRejected() {
        assertOnly(submission(j -> j.put("stdin", "1".repeat(65537))), "stdin",
                "stdin must be at most 65536 bytes (64 KiB) in UTF-8; got 65537 bytes");
    }

    @Test
    void metadataMayHold32ShortEntries() {
        assertValid(submission(j -> {
            ObjectNode m = j.putObject("metadata");
            IntStream.range(0, 31).forEach(i -> m.put("k" + i, "v"));
            m.put("k".repeat(64), "é".repeat(256));
        }));
    }

    @Test
    void metadataOf33EntriesIsRejected() {
        assertOnly(submission(j -> {
            ObjectNode m = j.putObject("metadata");
            IntStream.range(0, 33).forEach(i -> m.put("k" + i, "v"));
        }), "metadata", "metadata must have at most 32 entries; got 33");
    }

    @Test
    void metadataKeysMustNotBeBlank() {
        assertOnly(submission(j -> j.putObject("metadata").put(" ", "v")), "metadata", "metadata keys must not be blank");
    }

    @Test
    void metadataKeysOver64CharactersAreRejected() {
        String key = "k".repeat(65);
        assertOnly(submission(j -> j.putObject("metadata").put(key, "v")), "metadata",
                "metadata key \"" + "k".repeat(40) + "…\" must be at most 64 characters; got 65");
    }

    @Test
    void metadataValuesOver256CharactersAreRejected() {
        assertOnly(submission(j -> j.putObject("metadata").put("course", "c".repeat(257))), "metadata.course",
                "metadata.course must be at most 256 characters; got 257");
    }

    @Test
    void metadataValuesMustNotBeNull() {
        assertOnly(submission(j -> j.putObject("metadata").putNull("course")), "metadata.course",
                "metadata.course must be a string; got null");
    }

    @Test
    void idsMadeOfSafeCharactersAreValid() {
        assertValid(submission(j -> j.put("id", "0190d5c4-7a3b-7c1d-8e2f-0123456789ab")));
        assertValid(submission(j -> j.put("id", "lms:cs101.hw_3-alice")));
        assertValid(submission(j -> j.put("id", "i".repeat(128))));
    }

    @Test
    void anEmptyIdIsRejected() {
        assertOnly(submission(j -> j.put("id", "")), "id", "id must not be empty; leave it out to have one assigned");
    }

    @Test
    void anIdOver128CharactersIsRejected() {
        assertOnly(submission(j -> j.put("id", "i".repeat(129))), "id", "id must be at most 128 characters; got 129");
    }

    @Test
    void anIdWithOtherCharactersIsRejected() {
        assertOnly(submission(j -> j.put("id", "a b/c")), "id",
                "id may contain only letters, digits, '.', '_', ':' and '-'; got \"a b/c\"");
    }

    @Test
    void quotedValuesShowControlCharacters() {
        assertOnly(submission(j -> j.put("id", "a\nb")), "id",
                "id may contain only letters, digits, '.', '_', ':' and '-'; got \"a\\u000ab\"");
    }

    @Test
    void everyViolationIsReportedInFieldOrder() {
        Submission s = submission(j -> {
            j.remove("code");
            j.put("timeout", 0);
            j.putArray("whitelisted").add("ok").add("not ok");
            j.put("memoryLimitMb", 1);
        });

        assertThat(validate(s)).extracting(Violation::field)
                .containsExactly("code", "timeout", "whitelisted[1]", "memoryLimitMb");
        assertThatThrownBy(() -> SubmissionValidator.requireValid(s))
                .isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
                    assertThat(e.violations()).hasSize(4);
                    assertThat(e.getMessage()).startsWith("4 problems: 1) code is required")
                            .contains(" 2) timeout must be between 1 and 60 seconds; got 0 3) whitelisted[1]");
                });
    }

    @Test
    void requireValidHandsBackTheSameSubmission() {
        Submission s = submission(j -> { });
        assertThat(SubmissionValidator.requireValid(s)).isSameAs(s);
    }

    @Test
    void aSingleViolationIsTheWholeMessage() {
        assertThatThrownBy(() -> SubmissionValidator.requireValid(submission(j -> j.put("timeout", 61))))
                .hasMessage("timeout must be between 1 and 60 seconds; got 61");
    }

    @Test
    void aMissingSubmissionIsAViolationOfTheWhole() {
        assertThat(validate(null)).extracting(Violation::field).containsExactly(Violation.ROOT);
    }

    @Test
    void theLimitsArePublishedAsConstants() {
        List<Integer> limits = List.of(SubmissionValidator.MAX_CODE_BYTES, SubmissionValidator.MAX_TESTS_BYTES,
                SubmissionValidator.MAX_TESTS, SubmissionValidator.MAX_TIMEOUT_SECONDS,
                SubmissionValidator.MAX_LIST_ENTRIES, SubmissionValidator.MAX_NAME_LENGTH,
                SubmissionValidator.MIN_MEMORY_LIMIT_MB, SubmissionValidator.MAX_MEMORY_LIMIT_MB,
                SubmissionValidator.MAX_STDIN_BYTES, SubmissionValidator.MAX_METADATA_ENTRIES,
                SubmissionValidator.MAX_METADATA_KEY_LENGTH, SubmissionValidator.MAX_METADATA_VALUE_LENGTH,
                SubmissionValidator.MAX_ID_LENGTH);
        assertThat(limits.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .isEqualTo("262144,65536,500,60,200,64,16,4096,65536,32,64,256,128");
    }
}
