package dev.gradestream.executor.grading.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What glibc, libgcc and the C++ ABI call things, against what the user wrote. glibc's headers
 * redirect some functions to other symbols ({@code scanf} is {@code __isoc99_scanf}, {@code errno}
 * is {@code __errno_location()}, {@code isdigit} reads {@code __ctype_b_loc()}), and the compiler
 * calls run-time support of its own ({@code __cxa_guard_acquire}, {@code _Unwind_Resume},
 * {@code __divti3}) that no student writes and no teacher lists.
 */
final class LibraryNames {

    private static final Pattern ISO_REDIRECT = Pattern.compile("^__isoc(?:99|23)_(\\w+)$");
    private static final Pattern FORTIFIED = Pattern.compile("^__(\\w+)_chk$");
    private static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("__errno_location", List.of("errno")),
            Map.entry("__assert_fail", List.of("assert")),
            Map.entry("__assert_perror_fail", List.of("assert_perror")),
            Map.entry("__ctype_b_loc", List.of("isalnum", "isalpha", "isblank", "iscntrl", "isdigit", "isgraph",
                    "islower", "isprint", "ispunct", "isspace", "isupper", "isxdigit")),
            Map.entry("__ctype_tolower_loc", List.of("tolower")),
            Map.entry("__ctype_toupper_loc", List.of("toupper")),
            Map.entry("__xstat", List.of("stat")),
            Map.entry("__fxstat", List.of("fstat")),
            Map.entry("__lxstat", List.of("lstat")),
            // C++ code writes the keyword; the symbol is the operator function.
            Map.entry("operator new", List.of("operator new", "new")),
            Map.entry("operator new[]", List.of("operator new[]", "new")),
            Map.entry("operator delete", List.of("operator delete", "delete")),
            Map.entry("operator delete[]", List.of("operator delete[]", "delete")));

    private static final Pattern RUNTIME = Pattern.compile("^(?:__cxa_\\w+|_Unwind_\\w+|__gxx_personality_\\w+"
            + "|__gcc_personality_\\w+|__stack_chk_fail\\w*|__dso_handle|_GLOBAL_OFFSET_TABLE_|__tls_get_addr"
            + "|__dynamic_cast|__morestack|__atomic_\\w+|__sync_\\w+"
            // libgcc's arithmetic helpers: __divti3, __muldc3, __popcountdi2, __floattidf, __fixunsdfti…
            + "|__[a-z]+[0-9]|__(?:float|fix)(?:un)?[a-z]+)$");

    /**
     * What the compiler calls by itself, and why: to copy or clear a large object (C's own semantics,
     * not a call the user wrote), or to free an object from the destructor a virtual one implies.
     */
    private static final Map<String, String> IMPLICIT = Map.of(
            "memcpy", "it copies or clears a large struct or array there",
            "memmove", "it copies a large struct or array there",
            "memset", "it clears or initialises a large struct or array there",
            "memcmp", "it compares a large object there",
            "operator delete", "the class's virtual destructor frees objects with it");

    private LibraryNames() {
    }

    /**
     * The names a user could have written for this symbol, most likely first; the symbol's own name is
     * always among them, so that a teacher who lists {@code __isoc99_scanf} is understood too.
     */
    static List<String> writtenAs(String symbol) {
        List<String> names = new ArrayList<>(ALIASES.getOrDefault(symbol, List.of()));
        for (Pattern redirect : List.of(ISO_REDIRECT, FORTIFIED)) {
            Matcher m = redirect.matcher(symbol);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        if (!names.contains(symbol)) {
            names.add(symbol);
        }
        return List.copyOf(names);
    }

    /**
     * Support the language itself needs (exceptions, static locals, 128-bit division): a whitelist of
     * library functions does not mean to forbid it, so only a blacklist naming it exactly applies.
     */
    static boolean runtimeSupport(String symbol) {
        return RUNTIME.matcher(symbol).matches();
    }

    static boolean implicitCandidate(String symbol) {
        return IMPLICIT.containsKey(symbol);
    }

    /** Why the compiler generated a call to this symbol, in words for the student. */
    static String implicitReason(String symbol) {
        return IMPLICIT.getOrDefault(symbol, "it implements a construct of the language there");
    }

    /**
     * Objects the C++ ABI defines around classes and statics ({@code typeinfo for Foo},
     * {@code vtable for ...}, {@code guard variable for ...}, {@code DW.ref.__gxx_personality_v0}).
     */
    static boolean abiData(String demangled) {
        return demangled.contains(" for ") || demangled.startsWith("DW.ref.");
    }
}
