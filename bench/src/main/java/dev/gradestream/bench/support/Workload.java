package dev.gradestream.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The submissions of one load: the programs of a mix in turn (submission i is program i mod the mix's
 * size), each the program as it is or, {@code distinct}, a variant whose text no other submission of this
 * or any other run has ({@link Programs#distinct}).
 */
public final class Workload {
    /** Tells this run's variants from an earlier run's, for a cache that outlives the app. */
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private static int variants;

    private Workload() {
    }

    public static List<Job> of(List<String> mix, int submissions, boolean valgrind, boolean distinct) {
        List<Job> jobs = new ArrayList<>(submissions);
        for (int i = 0; i < submissions; i++) {
            String program = mix.get(i % mix.size());
            jobs.add(new Job(program, distinct ? Programs.distinct(program, valgrind, nextUnique())
                    : Programs.submission(program, valgrind)));
        }
        return jobs;
    }

    /** A name part no earlier call of this run returned. */
    public static synchronized String nextUnique() {
        return String.format(Locale.ROOT, "%s_%d", RUN, ++variants);
    }
}
