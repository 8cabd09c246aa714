package dev.gradestream.executor.grading.prepare;

import dev.gradestream.protocol.model.Diagnostic;
import dev.gradestream.protocol.model.Language;

/**
 * The file names a job uses, and how the names the tools report map back to the user's own texts.
 * The user's code is compiled under its own name ({@code code.c}), the tests under {@code #line … "tests"},
 * so gcc, ld, glibc's assert and Valgrind's debug info all name them; anything else is the grader's.
 */
public final class SourceNames {
    public static final String TESTS = "tests";
    public static final String STDIN = "stdin";
    public static final String OBJECT = "submission.o";
    public static final String HARNESS_OBJECT = "harness.o";
    public static final String EXECUTABLE = "prog";
    /** Named in {@code #line} for the generated glue; diagnostics there have no place in the user's text. */
    public static final String GENERATED = "<gradestream>";

    private SourceNames() {
    }

    public static String code(Language language) {
        return "code." + language.fileExtension();
    }

    /** The translation unit gcc compiles when tests are run: the code, then the tests as functions. */
    public static String unit(Language language) {
        return "submission." + language.fileExtension();
    }

    /**
     * Maps a file name as a tool reports it (maybe with a directory) to {@link Diagnostic#CODE},
     * {@link Diagnostic#TESTS}, or null when it is not the user's text.
     */
    public static String userFile(String reported) {
        if (reported == null) {
            return null;
        }
        String name = reported.substring(reported.lastIndexOf('/') + 1);
        for (Language language : Language.values()) {
            if (name.equals(code(language))) {
                return Diagnostic.CODE;
            }
        }
        return name.equals(TESTS) ? Diagnostic.TESTS : null;
    }

    public static String testOutput(int n) {
        return "out." + n;
    }

    public static String testErrors(int n) {
        return "err." + n;
    }
}
