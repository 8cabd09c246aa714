package dev.gradestream.results.regrade;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictSummary;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.messaging.ResultsChannels;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every regrade this instance knows of, kept current from the topics (each instance reads them all, so
 * any instance can answer for any regrade). Outcomes from before this instance started are read from
 * {@code results} the first time someone asks about the regrade.
 */
@ApplicationScoped
public class RegradeBook {
    private static final Logger LOG = Logger.getLogger(RegradeBook.class);

    private final Map<String, RegradeLedger> ledgers = new ConcurrentHashMap<>();
    private final Map<String, Backfill> backfills = new ConcurrentHashMap<>();
    private final HeaderScan scan;
    private final String resultsTopic;
    private final long clockSkewMillis;

    RegradeBook(HeaderScan scan, ResultsConfig config,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.RESULTS_IN + ".topic") String resultsTopic) {
        this.scan = scan;
        this.resultsTopic = resultsTopic;
        this.clockSkewMillis = config.history().clockSkew().toMillis();
    }

    public void requested(Regrade regrade) {
        ledger(regrade.id()).request(regrade);
    }

    public void selected(String regradeId, String submissionId, VerdictSummary before) {
        ledger(regradeId).selected(submissionId, before);
    }

    /** Whether this instance keeps a ledger for the regrade, i.e. whether {@link #event} would count its events. */
    public boolean tracks(String regradeId) {
        return ledgers.containsKey(regradeId);
    }

    /** A stage event of a regrade's attempt; only how the attempt ended counts. */
    public void event(StageEvent event) {
        if (event.regrade() == null || !event.type().isTerminal()) {
            return;
        }
        RegradeLedger ledger = ledgers.get(event.regrade());
        if (ledger == null) {
            // Not a regrade this instance knows (yet): when its request arrives, the first question about it
            // reads its outcomes from results (backfill), this one included. So nothing piles up on instances
            // that report on no regrade, nor for records marked by hand.
            return;
        }
        if (event.type() == EventType.COMPLETED) {
            try {
                Verdict verdict = Json.mapper().treeToValue(event.data(), Verdict.class);
                ledger.graded(event.submissionId(), event.attempt(), VerdictSummary.of(verdict));
            } catch (IOException e) {
                LOG.warnf("A completed event of regrade %s for %s has no readable verdict: %s", event.regrade(),
                        event.submissionId(), e.getMessage());
            }
        } else {
            JsonNode reason = event.data() == null ? null : event.data().get("reason");
            ledger.failed(event.submissionId(), event.attempt(), reason == null ? "error" : reason.asText());
        }
    }

    /** The regrade's report, or empty for an id no request was seen for. Blocks the first time for a read of its past. */
    public Optional<RegradeReport> report(String regradeId, boolean changedOnly) {
        return known(regradeId).map(ledger -> ledger.report(changedOnly));
    }

    /** Where the regrade stands, in numbers; empty for an unknown id. */
    public Optional<RegradeProgress> progress(String regradeId) {
        return known(regradeId).map(RegradeLedger::progress);
    }


    private Optional<RegradeLedger> known(String regradeId) {
        RegradeLedger ledger = ledgers.get(regradeId);
        if (ledger == null || ledger.regrade() == null) {
            return Optional.empty();
        }
        backfill(regradeId, ledger.regrade());
        return Optional.of(ledger);
    }

    /**
     * Reads the regrade's outcomes written before this instance tailed {@code results}. The tail was in
     * place before the scan takes the topic's end, so together they miss nothing; what both see counts once.
     */
    private void backfill(String regradeId, Regrade regrade) {
        Backfill backfill = backfills.computeIfAbsent(regradeId, id -> new Backfill());
        synchronized (backfill) { // not the ledger's lock: the live tail keeps recording meanwhile
            if (backfill.done) {
                return;
            }
            long from = regrade.createdAt().toEpochMilli() - clockSkewMillis;
            scan.scan(resultsTopic, regradeId, from, record -> {
                try {
                    event(Json.mapper().readValue(record.value(), StageEvent.class));
                } catch (IOException e) {
                    LOG.debugf("Skipping an unreadable record of regrade %s: %s", regradeId, e.getMessage());
                }
            });
            backfill.done = true;
        }
    }

    /** Whether a regrade's past outcomes have been read; its monitor serialises the read. */
    private static final class Backfill {
        private boolean done;
    }

    private RegradeLedger ledger(String regradeId) {
        return ledgers.computeIfAbsent(regradeId, id -> new RegradeLedger());
    }
}
