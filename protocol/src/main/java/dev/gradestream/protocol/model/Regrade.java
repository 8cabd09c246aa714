package dev.gradestream.protocol.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An accepted regrade request, as the {@code regrades} topic keeps it (key = its id). The record is
 * written again, same key, once the selection has ended; compaction keeps that last one.
 *
 * @param to        never null here: a request without one ends at the time it was accepted
 * @param filter    every entry must equal the submission's {@code metadata} entry; empty selects all
 * @param tests     replaces each submission's tests when given; likewise the three fields after it
 * @param dryRun    select and count only: nothing is republished
 * @param apply     the regrade's verdicts replace the ones in {@code verdicts}
 * @param selection how the selection ended; null while it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Regrade(String id, RangeBound from, RangeBound to, Map<String, String> filter, String tests,
        Integer perTestTimeout, List<String> whitelisted, List<String> blacklisted, String reason, boolean dryRun,
        boolean apply, Instant createdAt, Selection selection) {

    public Regrade {
        filter = filter == null ? Map.of() : Map.copyOf(filter);
    }

    public Regrade withSelection(Selection ended) {
        return new Regrade(id, from, to, filter, tests, perTestTimeout, whitelisted, blacklisted, reason, dryRun,
                apply, createdAt, ended);
    }

    /** Whether a submission's metadata matches the filter. */
    public boolean matches(Map<String, String> metadata) {
        Map<String, String> have = metadata == null ? Map.of() : metadata;
        return filter.entrySet().stream().allMatch(entry -> entry.getValue().equals(have.get(entry.getKey())));
    }

    /** The submission as this regrade grades it: overrides applied, marked with the regrade's id. */
    public Submission applyTo(Submission original) {
        return new Submission(original.id(), original.language(), original.code(),
                tests != null ? tests : original.tests(), original.timeout(),
                perTestTimeout != null ? perTestTimeout : original.perTestTimeout(),
                whitelisted != null ? whitelisted : original.whitelisted(),
                blacklisted != null ? blacklisted : original.blacklisted(),
                original.runTests(), original.valgrind(), original.memoryLimitMb(), original.stdin(),
                original.metadata(), id);
    }

    /**
     * How the selection ended.
     *
     * @param selected distinct submissions republished (with {@code dryRun}: that would have been)
     * @param failure  why the selection stopped, in words; null when it completed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selection(int selected, String failure, Instant at) {
        public boolean failed() {
            return failure != null;
        }
    }
}
