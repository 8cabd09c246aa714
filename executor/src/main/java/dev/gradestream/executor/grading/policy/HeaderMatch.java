package dev.gradestream.executor.grading.policy;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Set;

/**
 * Whether an {@code #include} names a blacklisted header. The path is compared whole
 * ({@code sys/socket.h} is not {@code socket.h}), after the spellings that reach the same file are
 * folded: {@code ./stdio.h}, {@code bits/../stdio.h}, {@code /usr/include/stdio.h},
 * {@code ../include/stdio.h}; and in C++, {@code <cstdio>} is {@code stdio.h} under its other name.
 */
final class HeaderMatch {
    private static final Set<String> C_HEADERS = Set.of("assert", "complex", "ctype", "errno", "fenv", "float",
            "inttypes", "iso646", "limits", "locale", "math", "setjmp", "signal", "stdalign", "stdarg", "stdbool",
            "stddef", "stdint", "stdio", "stdlib", "string", "tgmath", "time", "uchar", "wchar", "wctype");

    private HeaderMatch() {
    }

    /** A list entry names a header when it looks like a file: {@code stdio.h}, {@code sys/socket.h}. */
    static boolean isHeader(String entry) {
        String e = strip(entry);
        return e.endsWith(".h") || e.endsWith(".hpp") || e.endsWith(".hh") || e.endsWith(".hxx") || e.contains("/");
    }

    /** Drops what a teacher may have written around the name: {@code <stdio.h>}, {@code "x.h"}. */
    static String normalize(String entry) {
        return fold(strip(entry));
    }

    /** The blacklisted entry the included path is, or null. */
    static String matching(String included, Collection<String> blacklisted, boolean cxx) {
        String path = fold(included);
        for (String entry : blacklisted) {
            // An absolute path, or one climbing out of an include directory, may end in the forbidden one.
            boolean anchored = (path.startsWith("/") || path.startsWith("../")) && path.endsWith("/" + entry);
            boolean cxxName = cxx && entry.endsWith(".h") && C_HEADERS.contains(entry.substring(0, entry.length() - 2))
                    && path.equals("c" + entry.substring(0, entry.length() - 2));
            if (path.equals(entry) || anchored || cxxName) {
                return entry;
            }
        }
        return null;
    }

    private static String strip(String entry) {
        String e = entry.strip();
        if (e.length() > 1 && (e.startsWith("<") && e.endsWith(">") || e.startsWith("\"") && e.endsWith("\""))) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    /** Resolves {@code .} and {@code ..} and repeated slashes, without touching the file system. */
    private static String fold(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/+")) {
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!part.equals(".") && !part.isEmpty()) {
                parts.addLast(part);
            }
        }
        String folded = String.join("/", parts);
        return path.startsWith("/") ? "/" + folded : folded;
    }
}
