package dev.gradestream.executor.grading.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small lexer for C and C++ source that finds what the policy needs to place in the user's text:
 * identifiers, preprocessor directives and the header names of {@code #include}s, each with its
 * physical line and column (1-based, in characters). Everything that cannot name a function is
 * skipped: comments, string and character literals (also prefixed and raw ones), numbers, punctuation.
 * It never fails: text that does not lex (an unterminated literal) is skipped up to the end of its line,
 * as the compiler would report it anyway.
 */
public final class CTokenizer {

    public enum Kind {
        /** {@code text} is the directive's name ({@code include}, {@code define}, or a line number). */
        DIRECTIVE,
        IDENTIFIER,
        /** The operand of an include, with its delimiters: {@code <stdio.h>} or {@code "x.h"}. */
        HEADER_NAME
    }

    /** @param inDirective whether the token is part of a preprocessor directive (a macro body, say) */
    public record Token(Kind kind, String text, int line, int column, boolean inDirective) {
    }

    // The source after line splicing, with each remaining character's physical position kept, so that
    // "sys\<newline>tem" is one identifier placed where it starts.
    private final char[] c;
    private final int[] lines;
    private final int[] columns;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private boolean atLineStart = true;
    private boolean inDirective;
    private boolean expectDirectiveName;
    private boolean expectHeaderName;
    private int hashLine;
    private int hashColumn;

    private CTokenizer(String source) {
        int n = source.length();
        char[] chars = new char[n];
        lines = new int[n + 1];
        columns = new int[n + 1];
        int length = 0;
        int line = 1;
        int column = 1;
        for (int k = 0; k < n; k++) {
            char ch = source.charAt(k);
            int newline = newlineLength(source, k);
            if (ch == '\\' && newlineLength(source, k + 1) > 0) {
                k += newlineLength(source, k + 1);
                line++;
                column = 1;
                continue;
            }
            chars[length] = newline > 0 ? '\n' : ch;
            lines[length] = line;
            columns[length++] = column;
            if (newline > 0) {
                k += newline - 1;
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        lines[length] = line;
        columns[length] = column;
        c = Arrays.copyOf(chars, length);
    }

    public static List<Token> tokenize(String source) {
        CTokenizer lexer = new CTokenizer(source == null ? "" : source);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    /** Both CR LF and a lone CR end a line, as they do for gcc. */
    private static int newlineLength(String s, int k) {
        if (k >= s.length()) {
            return 0;
        }
        if (s.charAt(k) == '\r') {
            return k + 1 < s.length() && s.charAt(k + 1) == '\n' ? 2 : 1;
        }
        return s.charAt(k) == '\n' ? 1 : 0;
    }

    private void run() {
        while (i < c.length) {
            char ch = c[i];
            if (ch == '\n') {
                atLineStart = true;
                inDirective = expectDirectiveName = expectHeaderName = false;
                i++;
            } else if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\u000b') {
                i++;
            } else if (startsWith("//")) {
                skipTo('\n', 0);
            } else if (startsWith("/*")) {
                int end = indexOf("*/", i + 2);
                i = end < 0 ? c.length : end + 2;
            } else if (atLineStart && (ch == '#' || startsWith("%:"))) {
                startDirective();
            } else {
                atLineStart = false;
                lexToken(ch);
            }
        }
    }

    private void startDirective() {
        hashLine = lines[i];
        hashColumn = columns[i];
        i += c[i] == '#' ? 1 : 2;
        atLineStart = false;
        inDirective = expectDirectiveName = true;
    }

    private void lexToken(char ch) {
        boolean headerExpected = expectHeaderName;
        expectHeaderName = false;
        if (headerExpected && (ch == '<' || ch == '"')) {
            int start = i;
            skipTo(ch == '<' ? '>' : '"', 1);
            add(Kind.HEADER_NAME, start, i);
        } else if (isDigit(ch) || (ch == '.' && i + 1 < c.length && isDigit(c[i + 1]))) {
            lexNumber();
            return;
        } else if (isIdentifierStart(ch)) {
            lexWord();
            return;
        } else if (ch == '"' || ch == '\'') {
            skipQuoted(ch);
        } else {
            i++;
        }
        expectDirectiveName = false;
    }

    private void lexWord() {
        int start = i;
        while (i < c.length && isIdentifierPart(c[i])) {
            i++;
        }
        String word = new String(c, start, i - start);
        boolean rawPrefix = word.endsWith("R") && isEncodingPrefix(word.substring(0, word.length() - 1));
        if (i < c.length && c[i] == '"' && rawPrefix) {
            skipRawString();
        } else if (i < c.length && (c[i] == '"' || c[i] == '\'') && isEncodingPrefix(word)) {
            skipQuoted(c[i]);
        } else if (expectDirectiveName) {
            tokens.add(new Token(Kind.DIRECTIVE, word, hashLine, hashColumn, true));
            expectDirectiveName = false;
            expectHeaderName = word.equals("include") || word.equals("include_next") || word.equals("import");
            return;
        } else {
            add(Kind.IDENTIFIER, start, i);
        }
        expectDirectiveName = false;
    }

    /** A pp-number swallows what follows its digits ({@code 0x1Fu}, {@code 1e-5}, {@code 1'000}), so
     * none of it is taken for an identifier; a directive named by a number is a line marker. */
    private void lexNumber() {
        int start = i;
        i++;
        while (i < c.length) {
            char ch = c[i];
            boolean exponentSign = (ch == '+' || ch == '-') && "eEpP".indexOf(c[i - 1]) >= 0;
            boolean separator = ch == '\'' && i + 1 < c.length && isIdentifierPart(c[i + 1]);
            if (isIdentifierPart(ch) || ch == '.' || exponentSign || separator) {
                i++;
            } else {
                break;
            }
        }
        if (expectDirectiveName) {
            tokens.add(new Token(Kind.DIRECTIVE, new String(c, start, i - start), hashLine, hashColumn, true));
            expectDirectiveName = false;
        }
    }

    private void skipQuoted(char quote) {
        i++;
        while (i < c.length && c[i] != quote && c[i] != '\n') {
            i += c[i] == '\\' && i + 1 < c.length && c[i + 1] != '\n' ? 2 : 1;
        }
        if (i < c.length && c[i] == quote) {
            i++;
        }
    }

    /** {@code R"delim( ... )delim"}: no escapes inside, and it may span lines. */
    private void skipRawString() {
        // The delimiter is at most 16 characters, none of them a space, quote, backslash or parenthesis.
        int open = i + 1;
        while (open < c.length && open - i <= 17 && " \t\n\\\")".indexOf(c[open]) < 0 && c[open] != '(') {
            open++;
        }
        if (open >= c.length || c[open] != '(' || open - i > 17) {
            skipQuoted('"');
            return;
        }
        String closing = ")" + new String(c, i + 1, open - i - 1) + "\"";
        int end = indexOf(closing, open + 1);
        i = end < 0 ? c.length : end + closing.length();
    }

    /** Moves past the next {@code stop} on this line (or to the line's end); {@code from} skips the opener. */
    private void skipTo(char stop, int from) {
        i += from;
        while (i < c.length && c[i] != stop && c[i] != '\n') {
            i++;
        }
        if (i < c.length && c[i] == stop && stop != '\n') {
            i++;
        }
    }

    private void add(Kind kind, int start, int end) {
        tokens.add(new Token(kind, new String(c, start, end - start), lines[start], columns[start], inDirective));
    }

    private boolean startsWith(String s) {
        return matchesAt(s, i);
    }

    private boolean matchesAt(String s, int at) {
        if (at + s.length() > c.length) {
            return false;
        }
        for (int j = 0; j < s.length(); j++) {
            if (c[at + j] != s.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String s, int from) {
        for (int k = from; k + s.length() <= c.length; k++) {
            if (matchesAt(s, k)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isEncodingPrefix(String word) {
        return word.isEmpty() || word.equals("L") || word.equals("u") || word.equals("U") || word.equals("u8");
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isIdentifierStart(char ch) {
        return ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch > 0x7f;
    }

    private static boolean isIdentifierPart(char ch) {
        return isIdentifierStart(ch) || isDigit(ch);
    }
}
