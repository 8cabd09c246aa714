package dev.gradestream.executor.grading.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarnessLineTest {

    @Test
    void readsEachKindOfLine() {
        assertThat(HarnessLine.parse("S 2 1234")).contains(new HarnessLine.Started(2, 1234));
        assertThat(HarnessLine.parse("T 2 1234 signal 11 7 0 1 0 0")).contains(
                new HarnessLine.Finished(2, 1234, HarnessLine.End.SIGNAL, 11, 7, false, 1, 0, false));
        assertThat(HarnessLine.parse("A 3 4 code.c\tfact\tn >= 0 && \"no\"")).contains(
                new HarnessLine.UserAssert(3, 4, "code.c", "fact", "n >= 0 && \"no\""));
        assertThat(HarnessLine.parse("E 2 std::out_of_range\tvector::_M_range_check: __n (which is 3)")).contains(
                new HarnessLine.UncaughtException(2, "std::out_of_range", "vector::_M_range_check: __n (which is 3)"));
        assertThat(HarnessLine.parse("E 4 int\t")).contains(new HarnessLine.UncaughtException(4, "int", ""));
        assertThat(HarnessLine.parse("X cannot fork: Resource temporarily unavailable"))
                .contains(new HarnessLine.Failure("cannot fork: Resource temporarily unavailable"));
    }

    @Test
    void ignoresWhatIsNotAReportLine() {
        assertThat(HarnessLine.parse("")).isEmpty();
        assertThat(HarnessLine.parse("T 2 x")).isEmpty();
        assertThat(HarnessLine.parse("hello")).isEmpty();
    }
}
