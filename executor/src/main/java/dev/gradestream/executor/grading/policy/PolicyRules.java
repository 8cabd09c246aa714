package dev.gradestream.executor.grading.policy;

import dev.gradestream.executor.grading.policy.SourceIndex.Include;
import dev.gradestream.protocol.model.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The exercise's rules and the student-facing words for breaking them. A blacklisted name forbids any
 * reference to it; a blacklisted header ({@code stdio.h}, {@code sys/socket.h}) forbids including it;
 * a whitelist, when given (even empty), forbids every function not on it. Names are compared
 * unqualified, so {@code std::printf} and {@code printf} are the same entry.
 */
final class PolicyRules {
    static final String SOURCE = "policy";

    private final Set<String> blacklistedNames = new LinkedHashSet<>();
    private final Set<String> blacklistedHeaders = new LinkedHashSet<>();
    private final List<String> whitelist;

    PolicyRules(List<String> blacklisted, List<String> whitelisted) {
        for (String entry : blacklisted == null ? List.<String>of() : blacklisted) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            if (HeaderMatch.isHeader(entry)) {
                blacklistedHeaders.add(HeaderMatch.normalize(entry));
            } else {
                blacklistedNames.add(SymbolName.simplify(entry));
            }
        }
        // A whitelist is about functions; a header in it says nothing about which may be called.
        whitelist = whitelisted == null ? null : whitelisted.stream().filter(Objects::nonNull)
                .filter(e -> !e.isBlank() && !HeaderMatch.isHeader(e)).map(SymbolName::simplify).distinct().toList();
    }

    /** With no blacklist and no whitelist there is nothing to judge. */
    boolean active() {
        return !blacklistedNames.isEmpty() || !blacklistedHeaders.isEmpty() || whitelist != null;
    }

    /** One violation per line and name, in the order of the user's lines; unplaced ones last. */
    List<Diagnostic> judge(List<Reference> references, List<Include> includes, boolean cxx) {
        Map<String, Diagnostic> violations = new LinkedHashMap<>();
        for (Include include : includes) {
            String header = HeaderMatch.matching(include.header(), blacklistedHeaders, cxx);
            if (header != null) {
                String named = include.header().equals(header) ? "blacklisted" : "blacklisted: " + header;
                violations.putIfAbsent(include.line() + "/" + header, violation(include.line(), include.column(),
                        "\"" + include.header() + "\" must not be included in this exercise (" + named + ")"));
            }
        }
        List<Reference> ordered = new ArrayList<>(references);
        ordered.sort(Comparator.comparing(Reference::column, Comparator.nullsLast(Comparator.naturalOrder())));
        for (Reference reference : ordered) {
            String blacklisted = reference.names().stream().filter(blacklistedNames::contains).findFirst()
                    .orElse(blacklistedNames.contains(reference.symbol()) ? reference.symbol() : null);
            if (blacklisted != null) {
                add(violations, reference, blacklisted,
                        "\"" + blacklisted + "\" is not allowed in this exercise (blacklisted)");
            } else if (whitelist != null && reference.function() && !reference.runtimeSupport()
                    && reference.names().stream().noneMatch(whitelist::contains)) {
                add(violations, reference, reference.displayName(), "\"" + reference.displayName() + "\" "
                        + (whitelist.isEmpty() ? "is not allowed: this exercise allows no library functions"
                                : "is not in the list of allowed functions: " + String.join(", ", whitelist)));
            }
        }
        List<Diagnostic> sorted = new ArrayList<>(violations.values());
        sorted.sort(Comparator.comparing(Diagnostic::line, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Diagnostic::column, Comparator.nullsLast(Comparator.naturalOrder())));
        return List.copyOf(sorted);
    }

    private static void add(Map<String, Diagnostic> violations, Reference reference, String name, String message) {
        String explained = reference.implicit() ? message + "; the compiler generated this call for the code on line "
                + reference.line() + " (" + LibraryNames.implicitReason(reference.symbol()) + ")" : message;
        violations.putIfAbsent(reference.line() + "/" + name,
                violation(reference.line(), reference.column(), explained));
    }

    private static Diagnostic violation(Integer line, Integer column, String message) {
        return new Diagnostic(Diagnostic.CODE, line, column, "error", message, SOURCE);
    }
}
