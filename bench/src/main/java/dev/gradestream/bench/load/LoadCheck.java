package dev.gradestream.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Judges a load's outcomes: every stream complete and ordered ({@link StreamCheck}) and every verdict
 * saying what the engine says of its program alone ({@link VerdictSignature}). The wrong ones are counted,
 * the right ones measured.
 */
public final class LoadCheck {
    private final List<Measured> measured = new ArrayList<>();
    private int wrong;
    private String firstWrong;

    public LoadCheck(List<Outcome> outcomes, Function<String, String> expectedSignature) {
        StreamCheck streams = new StreamCheck();
        for (Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                wrong(outcome.program() + ": " + outcome.failure());
                continue;
            }
            if (!streams.accept(outcome.id(), outcome.events())) {
                wrong++;
                continue;
            }
            Measured one = Measured.of(outcome);
            String expected = expectedSignature.apply(outcome.program());
            if (!one.signature().equals(expected)) {
                wrong(outcome.program() + " got " + one.signature() + "; the engine alone: " + expected + " (" + outcome.id() + ")");
                continue;
            }
            measured.add(one);
        }
        if (firstWrong == null) {
            firstWrong = streams.firstViolation();
        }
    }

    private void wrong(String why) {
        wrong++;
        if (firstWrong == null) {
            firstWrong = why;
        }
    }

    /** The right ones, in the order sent. */
    public List<Measured> measured() {
        return measured;
    }

    public int wrong() {
        return wrong;
    }

    public String firstWrong() {
        return firstWrong;
    }
}
