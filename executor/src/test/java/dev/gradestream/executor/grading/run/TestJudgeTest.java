package dev.gradestream.executor.grading.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.grading.prepare.TestCase;
import org.junit.jupiter.api.Test;

class TestJudgeTest {

    @Test
    void namesWhichAssertionOfTheLineWasFalse() {
        TestCase one = new TestCase(1, 1, "assert(f(1) == 1);");
        TestCase three = new TestCase(2, 2, "{ sort(v, 3); assert(v[0] == 1); assert(v[1] == 2); assert(v[2] == 3); }");
        TestCase loop = new TestCase(3, 3, "for (int i = 0; i < 9; i++) assert(sq(i) == i * i);");
        TestCase quoted = new TestCase(4, 4, "assert(strcmp(s, \"assert(x)\") == 0); /* assert */");

        assertThat(TestJudge.falseAssertion(one, 1)).isEqualTo("the assertion was false");
        assertThat(TestJudge.falseAssertion(three, 1)).isEqualTo("the 1st of 3 assertions on this line was false");
        assertThat(TestJudge.falseAssertion(three, 3)).isEqualTo("the 3rd of 3 assertions on this line was false");
        assertThat(TestJudge.falseAssertion(loop, 5)).isEqualTo("the 5th assertion evaluated on this line was false");
        assertThat(TestJudge.falseAssertion(quoted, 1)).isEqualTo("the assertion was false");
    }

    @Test
    void ordinals() {
        assertThat(TestJudge.ordinal(1)).isEqualTo("1st");
        assertThat(TestJudge.ordinal(2)).isEqualTo("2nd");
        assertThat(TestJudge.ordinal(3)).isEqualTo("3rd");
        assertThat(TestJudge.ordinal(4)).isEqualTo("4th");
        assertThat(TestJudge.ordinal(11)).isEqualTo("11th");
        assertThat(TestJudge.ordinal(12)).isEqualTo("12th");
        assertThat(TestJudge.ordinal(13)).isEqualTo("13th");
        assertThat(TestJudge.ordinal(21)).isEqualTo("21st");
        assertThat(TestJudge.ordinal(112)).isEqualTo("112th");
    }
}
