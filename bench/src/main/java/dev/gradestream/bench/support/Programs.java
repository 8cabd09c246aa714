package dev.gradestream.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The submissions the benches send, kept as resources ({@code /programs/*.json}, as a client posts them):
 * tiny C functions with three tests each, and a gate that holds a grading slot by sleeping until its
 * time limit.
 */
public final class Programs {
    /** The throughput mix: correct, one failing test, a leak (seen with Valgrind on), a compile error. */
    public static final List<String> MIX = List.of("correct", "failing-test", "leak", "compile-error");

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
