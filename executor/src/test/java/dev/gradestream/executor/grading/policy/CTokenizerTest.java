package dev.gradestream.executor.grading.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gradestream.executor.grading.policy.CTokenizer.Kind;
import dev.gradestream.executor.grading.policy.CTokenizer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class CTokenizerTest {

    private static List<String> identifiers(String source) {
        return CTokenizer.tokenize(source).stream().filter(t -> t.kind() == Kind.IDENTIFIER).map(Token::text).toList();
    }

    @Test
    void skipsLineAndBlockComments() {
        String source = "int a; // system(\"x\")\n/* system\n   exec */ int b;\n";
        assertThat(identifiers(source)).containsExactly("int", "a", "int", "b");
    }

    @Test
    void skipsStringsWithEscapedAndNestedQuotes() {
        String source = "char *s = \"say \\\"system\\\" 'exec' \\\\\"; f(s);";
        assertThat(identifiers(source)).containsExactly("char", "s", "f", "s");
    }

    @Test
    void skipsCharLiteralsIncludingEscapedQuotes() {
        assertThat(identifiers("c = '\\''; d = '\"'; e = 'x'; g = L'y';"))
                .containsExactly("c", "d", "e", "g");
    }

    @Test
    void skipsPrefixedAndRawStrings() {
        String source = "a = u8\"system\"; b = L\"exec\"; c = R\"x(system \" )\" exec)x\"; d = 1;";
        assertThat(identifiers(source)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void numbersAreNotIdentifiers() {
        assertThat(identifiers("x = 0x1Fu + 1e-5f + 1'000 + .5e3L;")).containsExactly("x");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(identifiers("s = \"/* not a comment\"; t = 1; // \"not a string")).containsExactly("s", "t");
    }

    @Test
    void lineContinuationJoinsAnIdentifierPlacedWhereItStarts() {
        List<Token> tokens = CTokenizer.tokenize("int x;\n  sys\\\ntem(\"ls\");\nint y;\n");
        assertThat(tokens).extracting(Token::text, Token::line, Token::column)
                .contains(tuple("system", 2, 3), tuple("y", 4, 5));
    }

    @Test
    void lineContinuationExtendsALineComment() {
        assertThat(identifiers("// comment \\\nsystem(1);\nok();")).containsExactly("ok");
    }

    @Test
    void countsLinesAndColumnsFromOne() {
        List<Token> tokens = CTokenizer.tokenize("a\n\tbb  cc\r\n   dd\ree");
        assertThat(tokens).extracting(Token::text, Token::line, Token::column)
                .containsExactly(tuple("a", 1, 1), tuple("bb", 2, 2), tuple("cc", 2, 6), tuple("dd", 3, 4),
                        tuple("ee", 4, 1));
    }

    @Test
    void findsIncludesWithBothDelimitersAndTheirPlace() {
        String source = "// #include <hidden.h>\n  #  include <stdio.h>\n#include \"my.h\" // note\n"
                + "char *s = \"#include <string.h>\";\n#include_next <x.h>\n";
        List<Token> tokens = CTokenizer.tokenize(source);
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.HEADER_NAME)
                .extracting(Token::text, Token::line)
                .containsExactly(tuple("<stdio.h>", 2), tuple("\"my.h\"", 3), tuple("<x.h>", 5));
        assertThat(tokens).filteredOn(t -> t.kind() == Kind.DIRECTIVE)
                .extracting(Token::text, Token::line, Token::column)
                .containsExactly(tuple("include", 2, 3), tuple("include", 3, 1), tuple("include_next", 5, 1));
    }

    @Test
    void aHashInsideALineIsNotADirective() {
        assertThat(CTokenizer.tokenize("x = a # include <stdio.h>\n"))
                .noneMatch(t -> t.kind() == Kind.DIRECTIVE || t.kind() == Kind.HEADER_NAME);
    }

    @Test
    void directivesSpanContinuationsAndMarkTheirIdentifiers() {
        List<Token> tokens = CTokenizer.tokenize("#define RUN(x) \\\n  system(x)\nint main() { RUN(\"ls\"); }\n");
        assertThat(tokens).filteredOn(Token::inDirective).extracting(Token::text)
                .containsExactly("define", "RUN", "x", "system", "x");
        assertThat(tokens).filteredOn(t -> !t.inDirective()).extracting(Token::text, Token::line)
                .containsExactly(tuple("int", 3), tuple("main", 3), tuple("RUN", 3));
    }

    @Test
    void aCommentBeforeTheHashStillStartsADirective() {
        assertThat(CTokenizer.tokenize("/* c */ #include <a.h>\n"))
                .extracting(Token::kind).containsExactly(Kind.DIRECTIVE, Kind.HEADER_NAME);
    }

    @Test
    void lineMarkersAreDirectivesNamedByANumber() {
        assertThat(CTokenizer.tokenize("# 12 \"other.c\"\n#line 3\n"))
                .filteredOn(t -> t.kind() == Kind.DIRECTIVE).extracting(Token::text).containsExactly("12", "line");
    }

    @Test
    void unterminatedLiteralsEndAtTheirLine() {
        assertThat(identifiers("s = \"open\nnext; c = 'x\nlast;")).containsExactly("s", "next", "c", "last");
    }

    @Test
    void unterminatedBlockCommentSwallowsTheRest() {
        assertThat(identifiers("a /* b\nc")).containsExactly("a");
    }

    @Test
    void nullOrEmptySourceHasNoTokens() {
        assertThat(CTokenizer.tokenize(null)).isEmpty();
        assertThat(CTokenizer.tokenize("")).isEmpty();
    }
}
