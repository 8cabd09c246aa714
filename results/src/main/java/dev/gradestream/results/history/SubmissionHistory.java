package dev.gradestream.results.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.messaging.ResultsChannels;
import dev.gradestream.results.messaging.UnreadableRecords;
import dev.gradestream.results.store.PastEvents;
import dev.gradestream.results.store.StoredEvent;
import dev.gradestream.results.store.VerdictIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A submission's past, read from the topics that are the source of truth: its stage events from
 * {@code results} and, for one not graded yet, its record in {@code submissions}. Ids and attempts
 * are UUIDv7, so their own timestamp says where to look.
 */
@ApplicationScoped
public class SubmissionHistory implements PastEvents {
    private final TopicSlices slices;
    private final ResultsConfig.History config;
    private final String resultsTopic;
    private final VerdictIndex verdicts;

    SubmissionHistory(TopicSlices slices, ResultsConfig config, VerdictIndex verdicts,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.RESULTS_IN + ".topic") String resultsTopic) {
        this.slices = slices;
        this.config = config.history();
        this.resultsTopic = resultsTopic;
        this.verdicts = verdicts;
    }

    /**
     * The stage events of {@code submissionId} written from {@code sinceMillis} (an id's or an
     * attempt's time) to the end of its partition, but not more than the history window later: no
     * attempt runs longer, and the window bounds the cost of asking for an id that was never graded.
     */
    @Override
    public List<StoredEvent> eventsSince(String submissionId, long sinceMillis) {
        // A regrade's attempts are reported under /regrades, not in the submission's own stream.
        return eventsAround(submissionId, sinceMillis, false);
    }

    /** The readable events of the submission in the history window from {@code millis}, in offset order. */
    private List<StoredEvent> eventsAround(String submissionId, long millis, boolean withRegrades) {
        long from = millis - config.clockSkew().toMillis();
        long until = millis + config.window().toMillis();
        List<StoredEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : slices.recordsOf(resultsTopic, submissionId, from, until)) {
            if (!withRegrades && record.headers().lastHeader(Headers.REGRADE) != null) {
                continue;
            }
            try {
                events.add(StoredEvent.read(record.value()));
            } catch (IOException e) {
                UnreadableRecords.skip(record, e);
            }
        }
        return events;
    }

    /** Whether {@code submissions} holds the submission, written around the time its id was made. */
    @Override
    public boolean wasSubmitted(String submissionId, long idMillis) {
        long skew = config.clockSkew().toMillis();
        return !slices.recordsOf(config.submissionsTopic(), submissionId, idMillis - skew, idMillis + skew).isEmpty();
    }

    /**
     * How attempt {@code attempt} of the submission ended (its {@code completed} or {@code error} event),
     * whether it was an ordinary grading or a regrade's; empty when no such attempt ended.
     */
    public Optional<StoredEvent> endOf(String submissionId, String attempt) {
        OptionalLong attemptMillis = Ids.epochMillisOf(attempt);
        if (attemptMillis.isEmpty()) {
            return Optional.empty(); // attempts are UUIDv7: anything else names none
        }
        return eventsAround(submissionId, attemptMillis.getAsLong(), true).stream()
                .filter(event -> event.attempt().equals(attempt) && event.type().isTerminal())
                .findFirst();
    }

    /** The attempt of the submission's own final verdict; an applied regrade's is not in its stream. */
    @Override
    public Optional<String> finalAttemptOf(String submissionId) {
        return verdicts.verdict(submissionId).flatMap(SubmissionHistory::attemptIn);
    }

    private static Optional<String> attemptIn(byte[] verdictJson) {
        try {
            JsonNode verdict = Json.mapper().readTree(verdictJson);
            String attempt = verdict.path("attempt").asText("");
            return attempt.isEmpty() || verdict.hasNonNull("regrade") ? Optional.empty() : Optional.of(attempt);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
