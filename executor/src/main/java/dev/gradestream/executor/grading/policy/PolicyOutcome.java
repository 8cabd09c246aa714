package dev.gradestream.executor.grading.policy;

import dev.gradestream.protocol.model.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the policy stage found.
 *
 * @param judged              false when the code could not be compiled on its own, so nothing could be
 *                            judged (the compile stage reports why); never a violation by itself
 * @param violations          {@code Diagnostic("code", line, column, "error", message, "policy")}, one per
 *                            offending line and name, by line; a reference that cannot be placed has no line
 * @param referencedFunctions the library functions the user's code refers to, by the names the user
 *                            writes ({@code scanf}, not {@code __isoc99_scanf}); language run-time support
 *                            is left out
 * @param definedFunctions    the functions the user's code defines (C++: qualified, without parameters)
 * @param definesMain         whether the user's code defines {@code main}
 */
public record PolicyOutcome(boolean judged, List<Diagnostic> violations, Set<String> referencedFunctions,
        Set<String> definedFunctions, boolean definesMain, long elapsedMs) {

    public PolicyOutcome {
        violations = List.copyOf(violations);
        // Sorted, so that events and verdicts built from them read the same every time.
        referencedFunctions = Collections.unmodifiableSortedSet(new TreeSet<>(referencedFunctions));
        definedFunctions = Collections.unmodifiableSortedSet(new TreeSet<>(definedFunctions));
    }

    static PolicyOutcome notJudged(long elapsedMs) {
        return new PolicyOutcome(false, List.of(), Set.of(), Set.of(), false, elapsedMs);
    }

    public boolean violated() {
        return !violations.isEmpty();
    }
}
