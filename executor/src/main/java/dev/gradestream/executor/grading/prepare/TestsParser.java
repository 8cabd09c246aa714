package dev.gradestream.executor.grading.prepare;

import java.util.ArrayList;
import java.util.List;

/** Splits the tests text into tests: one per non-empty line (DESIGN §3). */
public final class TestsParser {

    private TestsParser() {
    }

    public static List<TestCase> parse(String tests) {
        List<TestCase> cases = new ArrayList<>();
        if (tests == null) {
            return cases;
        }
        String[] lines = tests.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                cases.add(new TestCase(cases.size() + 1, i + 1, lines[i]));
            }
        }
        return List.copyOf(cases);
    }
}
