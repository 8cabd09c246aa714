package dev.gradestream.executor.grading.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A symbol's name as a student or teacher would write it. C names are themselves; a demangled C++ name
 * such as {@code void std::sort<It>(It, It)} is reduced to its qualified path {@code [std, sort]}: the
 * return type, template arguments and parameters go, operators keep their symbol
 * ({@code std::operator<< <char>(...)} is {@code [std, operator<<]}). Rules compare the last part.
 */
record SymbolName(List<String> path) {

    private static final Set<String> LIBRARY_NAMESPACES = Set.of("std", "__gnu_cxx", "__cxxabiv1", "__gnu_debug");
    /** Longest first: "operator!=<int*>" is operator!= with template arguments, not operator!=<. */
    private static final List<String> OPERATORS = List.of("->*", "<<=", ">>=", "<=>", "()", "[]", "->", "<<", ">>",
            "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "+", "-",
            "*", "/", "%", "^", "&", "|", "~", "!", "=", "<", ">", ",");

    SymbolName {
        path = List.copyOf(path);
    }

    static SymbolName parse(String demangled) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        String s = demangled.strip();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (depth == 0 && startsOperator(s, i)) {
                i = readOperator(s, i, part) - 1;
            } else if (ch == '(' && depth == 0 && part.length() > 0) {
                break; // the parameter list: the name is complete
            } else if (ch == '(' || ch == '<' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == '>' || ch == ']' || ch == '}') {
                depth = Math.max(0, depth - 1);
            } else if (depth > 0) {
                continue;
            } else if (ch == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
                parts.add(part.toString());
                part.setLength(0);
                i++;
            } else if (ch == ' ') {
                // "std::operator<< <char>(...)": the space only keeps the operator apart from its arguments.
                // Otherwise what came before was a return type ("void std::sort"), not part of the name.
                if (i + 1 < s.length() && "<(".indexOf(s.charAt(i + 1)) < 0) {
                    parts.clear();
                    part.setLength(0);
                }
            } else {
                part.append(ch);
            }
        }
        parts.add(part.toString());
        parts.removeIf(String::isEmpty);
        return new SymbolName(parts.isEmpty() ? List.of(s) : parts);
    }

    /** The unqualified name rules compare: {@code system}, {@code sort}, {@code operator new}. */
    String simple() {
        return path.get(path.size() - 1);
    }

    String qualified() {
        return String.join("::", path);
    }

    /** Part of the C++ library (an instantiated template, say), not something the user defined. */
    boolean inLibraryNamespace() {
        return path.size() > 1 && LIBRARY_NAMESPACES.contains(path.get(0));
    }

    /** Removes what a teacher may have written around a name: {@code std::printf}, {@code printf()}. */
    static String simplify(String entry) {
        return parse(entry.strip()).simple();
    }

    private static boolean startsOperator(String s, int i) {
        if (!s.startsWith("operator", i) || (i > 0 && isWordChar(s.charAt(i - 1)))) {
            return false;
        }
        int after = i + "operator".length();
        return after >= s.length() || !isWordChar(s.charAt(after));
    }

    /** Appends {@code operator<sym>} to the part; returns the index after it. */
    private static int readOperator(String s, int i, StringBuilder part) {
        int j = i + "operator".length();
        part.append("operator");
        for (String operator : OPERATORS) {
            if (s.startsWith(operator, j)) {
                part.append(operator);
                return j + operator.length();
            }
        }
        // "operator new[]", "operator delete", or a conversion such as "operator bool": a word follows.
        int word = j;
        while (word < s.length() && s.charAt(word) == ' ') {
            word++;
        }
        int end = word;
        while (end < s.length() && (isWordChar(s.charAt(end)) || s.charAt(end) == '[' || s.charAt(end) == ']')) {
            end++;
        }
        part.append(' ').append(s, word, end);
        return end;
    }

    private static boolean isWordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_';
    }
}
