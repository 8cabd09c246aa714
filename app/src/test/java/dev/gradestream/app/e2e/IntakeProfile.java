package dev.gradestream.app.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** One grading slot, so the order jobs start in is the intake's choice alone; and a grader that can crash. */
public class IntakeProfile implements QuarkusTestProfile {
    static final int SLOTS = 1;
    static final int MAX_ATTEMPTS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gradestream.executor.slots", String.valueOf(SLOTS),
                "gradestream.executor.max-attempts", String.valueOf(MAX_ATTEMPTS));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(CrashingGrader.class);
    }
}
