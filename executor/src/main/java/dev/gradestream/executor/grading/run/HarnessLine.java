package dev.gradestream.executor.grading.run;

import java.util.Optional;

/** One line of the harness's report on its stdout (the format is described at the top of harness.c). */
public sealed interface HarnessLine {

    /** Test {@code n} started in process {@code pid}. */
    record Started(int n, long pid) implements HarnessLine {
    }

    /** Test {@code n} failed an assert() in the user's code: libc's message, as fields. */
    record UserAssert(int n, int line, String file, String function, String assertion) implements HarnessLine {
    }

    /** Test {@code n} let a C++ exception escape; {@code what} is empty when it is not a std::exception. */
    record UncaughtException(int n, String type, String what) implements HarnessLine {
    }

    /**
     * Test {@code n} is over.
     *
     * @param value     the exit code for {@link End#EXIT}, the signal for {@link End#SIGNAL}
     * @param returned  the test function returned (it did not crash or exit)
     * @param evaluated how many of the test's assertions were evaluated
     * @param falses    how many of them were false
     * @param overflow  the test wrote more than the output limit
     */
    record Finished(int n, long pid, End end, int value, long ms, boolean returned, int evaluated, int falses,
            boolean overflow) implements HarnessLine {
    }

    /** The harness itself could not go on (it could not fork, open a file…). */
    record Failure(String message) implements HarnessLine {
    }

    enum End { EXIT, SIGNAL, TIMEOUT }

    /** Empty for a line that is not part of the report. */
    static Optional<HarnessLine> parse(String line) {
        if (line.length() < 2 || line.charAt(1) != ' ') {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(switch (line.charAt(0)) {
                case 'S' -> started(line.substring(2).split(" "));
                case 'T' -> finished(line.substring(2).split(" "));
                case 'A' -> userAssert(line.substring(2));
                case 'E' -> uncaughtException(line.substring(2));
                case 'X' -> new Failure(line.substring(2));
                default -> null;
            });
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static Started started(String[] f) {
        return new Started(Integer.parseInt(f[0]), Long.parseLong(f[1]));
    }

    private static Finished finished(String[] f) {
        return new Finished(Integer.parseInt(f[0]), Long.parseLong(f[1]), End.valueOf(f[2].toUpperCase()),
                Integer.parseInt(f[3]), Long.parseLong(f[4]), f[5].equals("1"), Integer.parseInt(f[6]),
                Integer.parseInt(f[7]), f[8].equals("1"));
    }

    /** {@code <n> <type>\t<what>}: the strings may hold spaces, never tabs. */
    private static UncaughtException uncaughtException(String rest) {
        String[] head = rest.split(" ", 2);
        String[] names = head[1].split("\t", 2);
        return new UncaughtException(Integer.parseInt(head[0]), names[0], names.length > 1 ? names[1] : "");
    }

    /** {@code <n> <line> <file>\t<function>\t<assertion>}: the strings may hold spaces, never tabs. */
    private static UserAssert userAssert(String rest) {
        String[] head = rest.split(" ", 3);
        String[] names = head[2].split("\t", 3);
        return new UserAssert(Integer.parseInt(head[0]), Integer.parseInt(head[1]), names[0], names[1], names[2]);
    }
}
