package dev.gradestream.results.regrade;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradestream.protocol.model.Regrade;
import java.util.List;

/**
 * What {@code GET /regrades/{id}} answers: the request, where it stands, and per submission the old and the
 * new verdict.
 *
 * @param failure     why the selection stopped, when {@code state} is failed
 * @param submissions in submission id order; only the changed ones when asked so
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegradeReport(String id, RegradeState state, String reason, Regrade request, RegradeCounts counts,
        String failure, List<RegradeEntry> submissions) {
}
