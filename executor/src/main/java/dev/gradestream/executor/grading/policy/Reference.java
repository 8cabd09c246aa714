package dev.gradestream.executor.grading.policy;

import java.util.List;

/**
 * One place where the user's code refers to something it does not define.
 *
 * @param symbol   the symbol's unqualified name ({@code __isoc99_scanf}, {@code sort}, {@code system})
 * @param names    the names the user may have written for it, the most likely first: those written on
 *                 the line when any are, else all of {@link LibraryNames#writtenAs}
 * @param function whether it is (or may be) a function rather than a variable such as {@code stdout}
 * @param line     the line in the user's code; null when the object code does not place it and the
 *                 name is written nowhere
 * @param column   where the name is written on that line; null when it is not written there
 * @param implicit the compiler generated it (a struct copy calls memcpy) rather than the user's text
 */
record Reference(String symbol, List<String> names, boolean function, Integer line, Integer column,
        boolean implicit) {

    Reference {
        names = List.copyOf(names);
    }

    String displayName() {
        return names.get(0);
    }

    boolean runtimeSupport() {
        return LibraryNames.runtimeSupport(symbol);
    }
}
