package dev.gradestream.protocol.validation;

import dev.gradestream.protocol.model.Submission;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a submission must meet before anyone spends a sandbox on it. They judge what the client
 * sent (before {@link Submission#withDefaults()}), so an absent optional field is never a violation.
 * The limits are public so the HTTP layer, the docs and the JSON Schemas can quote the same numbers;
 * {@code submission.schema.json} repeats them and a test keeps the two in step.
 *
 * <p>Sizes of free text are in UTF-8 bytes because that is what travels and is stored; lengths of
 * names and metadata are in characters (code points), which is what JSON Schema's {@code maxLength} counts.
 */
public final class SubmissionValidator {

    public static final int MAX_CODE_BYTES = 256 * 1024;
    public static final int MAX_TESTS_BYTES = 64 * 1024;
    public static final int MAX_TESTS = 500;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int MIN_PER_TEST_TIMEOUT_SECONDS = 1;
    public static final int MAX_LIST_ENTRIES = 200;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MIN_MEMORY_LIMIT_MB = 16;
    public static final int MAX_MEMORY_LIMIT_MB = 4096;
    public static final int MAX_STDIN_BYTES = 64 * 1024;
    public static final int MAX_METADATA_ENTRIES = 32;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    public static final int MAX_METADATA_VALUE_LENGTH = 256;
    public static final int MAX_ID_LENGTH = 128;

    /** A C identifier: what {@code whitelisted} and {@code blacklisted} name (functions, mostly). */
    public static final String IDENTIFIER_REGEX = "[A-Za-z_][A-Za-z0-9_]*";
    /** A header a blacklist may forbid. {@code ..} is refused separately: no climbing out of include dirs. */
    public static final String HEADER_REGEX = "[A-Za-z0-9_./+-]+\\.h";
    /** Characters that are safe in a Kafka key, a URL path segment and a file name alike. */
    public static final String ID_REGEX = "[A-Za-z0-9._:-]+";

    private static final Pattern IDENTIFIER = Pattern.compile(IDENTIFIER_REGEX);
    private static final Pattern HEADER = Pattern.compile(HEADER_REGEX);
    private static final Pattern ID = Pattern.compile(ID_REGEX);
    private static final int SHOWN_CHARS = 40;

    private SubmissionValidator() {
    }

    /** Every violation, in the order of the fields; empty when the submission may be graded. */
    public static List<Violation> validate(Submission s) {
        if (s == null) {
            return List.of(new Violation(Violation.ROOT, "the submission is missing; send a JSON object with at least \"code\""));
        }
        List<Violation> out = new ArrayList<>();
        checkId(s.id(), out);
        checkCode(s.code(), out);
        checkTests(s.tests(), out);
        checkTimeouts(s.timeout(), s.perTestTimeout(), out);
        checkNames("whitelisted", s.whitelisted(), false, out);
        checkNames("blacklisted", s.blacklisted(), true, out);
        checkRange("memoryLimitMb", s.memoryLimitMb(), MIN_MEMORY_LIMIT_MB, MAX_MEMORY_LIMIT_MB, "MiB", out);
        checkBytes("stdin", s.stdin(), MAX_STDIN_BYTES, out);
        checkMetadata(s.metadata(), out);
        return List.copyOf(out);
    }

    /** The submission itself, so callers can validate inline; throws with every violation otherwise. */
    public static Submission requireValid(Submission s) {
        List<Violation> violations = validate(s);
        if (!violations.isEmpty()) {
            throw new InvalidSubmissionException(violations);
        }
        return s;
    }

    /** How many tests a tests text holds: one per line that is not blank, as the executor numbers them. */
    public static int countTests(String tests) {
        return tests == null ? 0 : (int) tests.lines().filter(line -> !line.isBlank()).count();
    }

    private static void checkId(String id, List<Violation> out) {
        if (id == null) {
            return;
        }
        if (id.isEmpty()) {
            out.add(new Violation("id", "id must not be empty; leave it out to have one assigned"));
        } else if (length(id) > MAX_ID_LENGTH) {
            out.add(new Violation("id", "id must be at most " + MAX_ID_LENGTH + " characters; got " + length(id)));
        } else if (!ID.matcher(id).matches()) {
            out.add(new Violation("id", "id may contain only letters, digits, '.', '_', ':' and '-'; got " + show(id)));
        }
    }

    private static void checkCode(String code, List<Violation> out) {
        if (code == null) {
            out.add(new Violation("code", "code is required; send the source code as a string"));
        } else if (code.isBlank()) {
            out.add(new Violation("code", "code must not be blank"));
        } else {
            checkBytes("code", code, MAX_CODE_BYTES, out);
        }
    }

    private static void checkTests(String tests, List<Violation> out) {
        checkBytes("tests", tests, MAX_TESTS_BYTES, out);
        int count = countTests(tests);
        if (count > MAX_TESTS) {
            out.add(new Violation("tests", "tests must hold at most " + MAX_TESTS
                    + " tests (one per non-empty line); got " + count));
        }
    }

    private static void checkTimeouts(Integer timeout, Integer perTest, List<Violation> out) {
        boolean timeoutOk = checkRange("timeout", timeout, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, "seconds", out);
        if (perTest == null) {
            return;
        }
        if (!timeoutOk) {
            // The real bound is unknown until timeout is fixed; only the absolute one can be judged.
            checkRange("perTestTimeout", perTest, MIN_PER_TEST_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS, "seconds", out);
            return;
        }
        int total = timeout == null ? Submission.DEFAULT_TIMEOUT_SECONDS : timeout;
        if (perTest < MIN_PER_TEST_TIMEOUT_SECONDS || perTest > total) {
            String bound = timeout == null ? total + " seconds by default" : total + " seconds";
            out.add(new Violation("perTestTimeout", "perTestTimeout must be between " + MIN_PER_TEST_TIMEOUT_SECONDS
                    + " second and timeout (" + bound + "); got " + perTest));
        }
    }

    private static void checkNames(String field, List<String> names, boolean headersAllowed, List<Violation> out) {
        if (names == null) {
            return;
        }
        if (names.size() > MAX_LIST_ENTRIES) {
            out.add(new Violation(field, field + " must have at most " + MAX_LIST_ENTRIES + " entries; got " + names.size()));
            return; // one message for an oversized list, not hundreds for its entries
        }
        for (int i = 0; i < names.size(); i++) {
            String where = field + "[" + i + "]";
            String problem = nameProblem(names.get(i), headersAllowed);
            if (problem != null) {
                out.add(new Violation(where, where + " " + problem));
            }
        }
    }

    private static String nameProblem(String name, boolean headersAllowed) {
        String wanted = headersAllowed
                ? "a C identifier such as system, or a header name such as stdio.h"
                : "a C identifier (letters, digits and _, not starting with a digit)";
        if (name == null) {
            return "must be " + wanted + "; got null";
        }
        if (length(name) > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters; got " + length(name);
        }
        if (IDENTIFIER.matcher(name).matches() || headersAllowed && isHeader(name)) {
            return null;
        }
        String hint = !headersAllowed && isHeader(name) ? " (headers can only be blacklisted)" : "";
        return "must be " + wanted + "; got " + show(name) + hint;
    }

    private static boolean isHeader(String name) {
        return HEADER.matcher(name).matches() && !name.contains("..");
    }

    private static void checkMetadata(Map<String, String> metadata, List<Violation> out) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            out.add(new Violation("metadata", "metadata must have at most " + MAX_METADATA_ENTRIES
                    + " entries; got " + metadata.size()));
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isBlank()) {
                out.add(new Violation("metadata", "metadata keys must not be blank"));
                continue;
            }
            if (length(key) > MAX_METADATA_KEY_LENGTH) {
                out.add(new Violation("metadata", "metadata key " + show(key) + " must be at most "
                        + MAX_METADATA_KEY_LENGTH + " characters; got " + length(key)));
                continue;
            }
            String where = "metadata." + key;
            String value = entry.getValue();
            if (value == null) {
                out.add(new Violation(where, where + " must be a string; got null"));
            } else if (length(value) > MAX_METADATA_VALUE_LENGTH) {
                out.add(new Violation(where, where + " must be at most " + MAX_METADATA_VALUE_LENGTH
                        + " characters; got " + length(value)));
            }
        }
    }

    /** Adds a violation when a given value is out of range; true when it is absent or in range. */
    private static boolean checkRange(String field, Integer value, int min, int max, String unit, List<Violation> out) {
        if (value == null || value >= min && value <= max) {
            return true;
        }
        out.add(new Violation(field, field + " must be between " + min + " and " + max + " " + unit + "; got " + value));
        return false;
    }

    private static void checkBytes(String field, String text, int max, List<Violation> out) {
        if (text == null) {
            return;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > max) {
            out.add(new Violation(field, field + " must be at most " + max + " bytes (" + max / 1024
                    + " KiB) in UTF-8; got " + bytes + " bytes"));
        }
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** A value quoted for a message: shortened, with control characters visible, so one line stays one line. */
    static String show(String value) {
        String shown = length(value) > SHOWN_CHARS
                ? value.substring(0, value.offsetByCodePoints(0, SHOWN_CHARS)) + "…"
                : value;
        StringBuilder sb = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }
}
