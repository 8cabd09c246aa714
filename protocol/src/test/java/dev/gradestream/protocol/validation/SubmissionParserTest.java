package dev.gradestream.protocol.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gradestream.protocol.model.Language;
import dev.gradestream.protocol.model.Submission;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubmissionParserTest {

    private static Violation onlyViolation(String json) {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class,
                () -> SubmissionParser.parse(json));
        assertThat(e).as("parsing %s should fail", json).isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }

    @Test
    void parsesBytesAsUtf8() {
        Submission s = SubmissionParser.parse("{\"code\":\"char *s = \\\"é\\\";\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(s.code()).isEqualTo("char *s = \"é\";");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Submission s = SubmissionParser.parse("{\"code\":\"int x;\",\"shoeSize\":42,\"extra\":{\"a\":[1,2]}}");
        assertThat(s).isEqualTo(Submission.of("int x;", null));
    }

    @Test
    void languageIsReadInAnyCase() {
        assertThat(SubmissionParser.parse("{\"code\":\"int x;\",\"language\":\"CPP\"}").language()).isEqualTo(Language.CPP);
    }

    @Test
    void aStringWhereANumberBelongsNamesTheField() {
        Violation v = onlyViolation("{\"code\":\"int x;\",\"timeout\":\"abc\"}");
        assertThat(v).isEqualTo(new Violation("timeout", "timeout must be a whole number; got \"abc\""));
    }

    @Test
    void aFractionIsNotSilentlyTruncated() {
        assertThat(onlyViolation("{\"code\":\"int x;\",\"perTestTimeout\":1.5}"))
                .isEqualTo(new Violation("perTestTimeout", "perTestTimeout must be a whole number; got 1.5"));
    }

    @Test
    void aNumberTooLargeForAnIntIsOutOfRange() {
        assertThat(onlyViolation("{\"code\":\"int x;\",\"memoryLimitMb\":99999999999}"))
                .isEqualTo(new Violation("memoryLimitMb", "memoryLimitMb is out of range; got 99999999999"));
    }

    @Test
    void anUnknownLanguageListsTheKnownOnes() {
        assertThat(onlyViolation("{\"code\":\"int x;\",\"language\":\"java\"}"))
                .isEqualTo(new Violation("language", "language must be one of c, cpp; got \"java\""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"code\":{}}                              | code        | code must be a string; got an object",
            "{\"code\":\"x\",\"runTests\":\"yes\"}      | runTests    | runTests must be true or false; got \"yes\"",
            "{\"code\":\"x\",\"valgrind\":[]}           | valgrind    | valgrind must be true or false; got an array",
            "{\"code\":\"x\",\"whitelisted\":\"system\"} | whitelisted | whitelisted must be an array of strings; got \"system\"",
            "{\"code\":\"x\",\"metadata\":[1]}          | metadata    | metadata must be an object whose values are strings; got an array",
    })
    void aWrongTypeNamesTheFieldAndWhatWasSent(String json, String field, String message) {
        assertThat(onlyViolation(json)).isEqualTo(new Violation(field, message));
    }

    @Test
    void aWrongTypeInsideAListNamesTheEntry() {
        assertThat(onlyViolation("{\"code\":\"x\",\"blacklisted\":[\"system\",{}]}"))
                .isEqualTo(new Violation("blacklisted[1]", "blacklisted[1] must be a string; got an object"));
    }

    @Test
    void aWrongTypeInsideMetadataNamesTheKey() {
        assertThat(onlyViolation("{\"code\":\"x\",\"metadata\":{\"student\":{\"id\":1}}}"))
                .isEqualTo(new Violation("metadata.student", "metadata.student must be a string; got an object"));
    }

    @Test
    void malformedJsonSaysWhere() {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class,
                () -> SubmissionParser.parse("{\n  \"code\": 'int x;'\n}"));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Violation.ROOT);
            assertThat(v.message()).startsWith("the submission is not valid JSON at line 2, column 11: Unexpected character");
        });
        assertThat(e.getCause()).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void truncatedJsonSaysWhereItEnded() {
        assertThat(onlyViolation("{\"code\":").message())
                .startsWith("the submission is not valid JSON at line 1, column 9: Unexpected end-of-input");
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertThat(onlyViolation("{\"code\":\"int x;\"} {}").message()).isEqualTo(
                "the submission is not valid JSON at line 1, column 19: unexpected text after the end of the object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1]     | an array",
            "\"x\"   | \"x\"",
            "42      | 42",
            "null    | null",
            "true    | true",
    })
    void aValueThatIsNotAnObjectIsRejectedAsAWhole(String json, String got) {
        assertThat(onlyViolation(json))
                .isEqualTo(new Violation(Violation.ROOT, "the submission must be a JSON object; got " + got));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n\t "})
    void anEmptyBodyIsRejected(String json) {
        assertThat(onlyViolation(json)).isEqualTo(new Violation(Violation.ROOT,
                "the submission is empty; send a JSON object with at least \"code\""));
    }

    @Test
    void parsedSubmissionsAreValidatedWithEveryViolation() {
        InvalidSubmissionException e = catchThrowableOfType(InvalidSubmissionException.class,
                () -> SubmissionParser.parse("{\"timeout\":0,\"blacklisted\":[\"../x.h\"]}"));

        assertThat(e.violations()).extracting(Violation::field).containsExactly("code", "timeout", "blacklisted[0]");
    }
}
