package dev.gradestream.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The submissions the benches send, kept as resources ({@code /programs/*.json}, as a client posts them):
 * small student-style C functions with three or four tests each, and a gate that holds a grading slot by
 * sleeping until its time limit.
 */
public final class Programs {
    /** The throughput mix: correct, one failing test, a leak (seen with Valgrind on), a compile error. */
    public static final List<String> MIX = List.of("correct", "failing-test", "leak", "compile-error");

    /**
     * The load driver's default mix (issue #9), in turn: two correct programs (one a linked list that
     * frees what it allocates), two with a failing test, a leak, a heap overflow by one byte (passes
     * natively, a finding under Valgrind), a NULL dereference in one test (that test crashes, the others
     * run), a compile error.
     */
    public static final List<String> LOAD_MIX = List.of("correct", "list-sum", "failing-test", "word-count-failing",
            "leak", "heap-overflow", "segfault", "compile-error");

    /**
     * Every program a mix may name: {@link #LOAD_MIX} and {@code infinite-loop}, whose third test never
     * ends and is stopped by its per-test limit (1 s). It is left out of the default mix because that
     * second of CPU would outweigh everything else in a batch without Valgrind.
     */
    public static final List<String> ALL = List.of("correct", "list-sum", "failing-test", "word-count-failing",
            "leak", "heap-overflow", "segfault", "compile-error", "infinite-loop");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Programs() {
    }

    /** The named program as a request body, with {@code valgrind} set. */
    public static String submission(String name, boolean valgrind) {
        ObjectNode body = load(name);
        body.put("valgrind", valgrind);
        return body.toString();
    }

    /**
     * The named program with a function of its own appended, named and returning after {@code unique}
     * (letters, digits, underscores): the text differs from every other variant, so no cache keyed on the
     * source (or on the preprocessed source: it is code, not a comment) can serve it, while the verdict
     * stays the program's. Appended, not prepended, so every diagnostic keeps its line.
     */
    public static String distinct(String name, boolean valgrind, String unique) {
        ObjectNode body = load(name);
        body.put("valgrind", valgrind);
        body.put("code", body.get("code").asText() + "\nint bench_unique_" + unique + "(void)\n{\n    return "
                + (unique.hashCode() & 0x7fff) + ";\n}\n");
        return body.toString();
    }

    /**
     * A submission that occupies a grading slot for {@code seconds} without using CPU (it sleeps until the
     * wall-clock limit stops it), so that submissions posted after it wait in the queue.
     */
    public static String gate(int seconds) {
        ObjectNode body = load("gate");
        body.put("timeout", seconds);
        body.put("perTestTimeout", seconds);
        return body.toString();
    }

    private static ObjectNode load(String name) {
        try (InputStream in = Programs.class.getResourceAsStream("/programs/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no program " + name + " in /programs/");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
