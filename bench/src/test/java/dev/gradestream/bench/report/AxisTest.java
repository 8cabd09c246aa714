package dev.gradestream.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {
    @Test
    void linearTicksAreRoundAndCoverTheValuesFromZero() {
        Axis axis = Axis.of(List.of(0.42, 1.45, 1.18), false).fromZero();

        assertThat(axis.ticks()).containsExactly(0.0, 0.5, 1.0, 1.5, 2.0);
        assertThat(axis.fraction(0)).isZero();
        assertThat(axis.fraction(1.5)).isEqualTo(0.75);
        assertThat(Axis.of(List.of(0.42, 0.61), false).ticks()).containsExactly(0.4, 0.45, 0.5, 0.55, 0.6, 0.65);
    }

    @Test
    void logTicksGoOneTwoFivePerDecade() {
        Axis axis = Axis.of(List.of(107.0, 9453.0), true);

        assertThat(axis.ticks()).containsExactly(100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0);
        assertThat(axis.fraction(1000)).isEqualTo(0.5);
    }

    @Test
    void ticksAtThePointsSpanExactlyThem() {
        Axis axis = Axis.over(List.of(1.0, 2.0, 4.0, 8.0), true);

        assertThat(axis.ticks()).containsExactly(1.0, 2.0, 4.0, 8.0);
        assertThat(axis.fraction(1)).isZero();
        assertThat(axis.fraction(8)).isEqualTo(1.0);
        assertThat(Axis.over(List.of(3.0), true).fraction(3)).isCloseTo(0.5, within(1e-12));
    }
}
