package dev.gradestream.executor.grading.policy;

import dev.gradestream.executor.grading.policy.CTokenizer.Kind;
import dev.gradestream.executor.grading.policy.CTokenizer.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the user's text says, looked up by name and line: where an identifier is written, which names
 * appear inside macro definitions, which headers are included. The object code tells what is called;
 * this tells how it was written there.
 */
final class SourceIndex {

    /** @param header the included path without its delimiters; {@code angled} for {@code <...>} */
    record Include(String header, boolean angled, int line, int column) {
    }

    private static final Set<String> RESERVED_NAMESPACES = Set.of("std", "__gnu_cxx", "__cxxabiv1", "__gnu_debug");

    private final Map<String, List<Token>> codeIdentifiers = new HashMap<>();
    private final Set<String> directiveIdentifiers = new HashSet<>();
    private final List<Include> includes = new ArrayList<>();
    private boolean lineControl;
    private boolean reservedNamespaceOpened;

    private SourceIndex(List<Token> tokens) {
        Token previous = null;
        Token directive = null;
        for (Token token : tokens) {
            switch (token.kind()) {
                case DIRECTIVE -> {
                    directive = token;
                    lineControl |= token.text().equals("line") || Character.isDigit(token.text().charAt(0));
                }
                case HEADER_NAME -> includes.add(include(token, directive));
                case IDENTIFIER -> {
                    if (token.inDirective()) {
                        directiveIdentifiers.add(token.text());
                    } else {
                        codeIdentifiers.computeIfAbsent(token.text(), k -> new ArrayList<>()).add(token);
                    }
                    reservedNamespaceOpened |= previous != null && previous.kind() == Kind.IDENTIFIER
                            && previous.text().equals("namespace") && RESERVED_NAMESPACES.contains(token.text());
                }
            }
            previous = token;
        }
    }

    /** An unterminated name ({@code <stdio.h}) is still what the user meant to include. */
    private static Include include(Token name, Token directive) {
        String text = name.text();
        boolean angled = text.startsWith("<");
        boolean closed = text.length() > 1 && text.endsWith(angled ? ">" : "\"");
        String header = text.substring(1, closed ? text.length() - 1 : text.length()).strip();
        return new Include(header, angled, directive.line(), directive.column());
    }

    static SourceIndex of(String source) {
        return new SourceIndex(CTokenizer.tokenize(source));
    }

    List<Include> includes() {
        return List.copyOf(includes);
    }

    /**
     * Whether the user wrote {@code #line} or a line marker: then the file and line the debug info gives
     * are the user's own claim and cannot tell the user's code from a library header's.
     */
    boolean hasLineControl() {
        return lineControl;
    }

    /** Whether the code adds to {@code namespace std} (or the like), where library code normally lives. */
    boolean opensReservedNamespace() {
        return reservedNamespaceOpened;
    }

    /** The first of {@code names} written on the line (outside directives), in order of {@code names}. */
    List<String> writtenOn(Collection<String> names, int line) {
        return names.stream().filter(name -> columnOf(name, line) != null).toList();
    }

    /** The column where {@code name} is first written on the line, or null when it is not. */
    Integer columnOf(String name, int line) {
        for (Token token : codeIdentifiers.getOrDefault(name, List.of())) {
            if (token.line() == line) {
                return token.column();
            }
        }
        return null;
    }

    /** The lines where any of the names is written outside directives. */
    Set<Integer> linesOf(Collection<String> names) {
        Set<Integer> found = new TreeSet<>();
        for (String name : names) {
            codeIdentifiers.getOrDefault(name, List.of()).forEach(token -> found.add(token.line()));
        }
        return found;
    }

    /** Whether the name appears in some directive, typically in the body of a macro. */
    boolean inDirective(String name) {
        return directiveIdentifiers.contains(name);
    }
}
