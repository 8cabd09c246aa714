package dev.gradestream.results.regrade;

import dev.gradestream.protocol.Headers;
import dev.gradestream.protocol.json.Json;
import dev.gradestream.protocol.model.Regrade;
import dev.gradestream.protocol.model.Submission;
import dev.gradestream.protocol.model.Verdict;
import dev.gradestream.protocol.model.VerdictSummary;
import dev.gradestream.protocol.validation.InvalidSubmissionException;
import dev.gradestream.protocol.validation.SubmissionParser;
import dev.gradestream.results.config.ResultsConfig;
import dev.gradestream.results.history.TopicReaders;
import dev.gradestream.results.messaging.ResultsChannels;
import dev.gradestream.results.store.VerdictIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Selects a regrade's submissions and republishes them into {@code submissions.regrade}: reads the range
 * of {@code submissions} (never {@code submissions.regrade}, so what reached GradeStream only as a regrade
 * is never selected), keeps the latest record of each id that matches the filter, and sends each with
 * the overrides, the regrade's id and the verdict it had. Run again for the same regrade (after a crash)
 * it skips what is already in {@code submissions.regrade}, so nothing is regraded twice.
 */
@ApplicationScoped
public class RegradeSelector {
    private static final Logger LOG = Logger.getLogger(RegradeSelector.class);
    /** Previous verdicts looked up at a time: one read of the topic per partition each, a few MB at most. */
    private static final int VERDICT_BATCH = 1000;

    private final TopicReaders readers;
    private final HeaderScan scan;
    private final VerdictIndex verdicts;
    private final RegradeProducer producer;
    private final String submissionsTopic;
    private final String queueTopic;
    private final long clockSkewMillis;

    RegradeSelector(TopicReaders readers, HeaderScan scan, VerdictIndex verdicts, RegradeProducer producer,
            ResultsConfig config,
            @ConfigProperty(name = "mp.messaging.incoming." + ResultsChannels.REGRADE_QUEUE_IN + ".topic") String queueTopic) {
        this.readers = readers;
        this.scan = scan;
        this.verdicts = verdicts;
        this.producer = producer;
        this.submissionsTopic = config.history().submissionsTopic();
        this.queueTopic = queueTopic;
        this.clockSkewMillis = config.history().clockSkew().toMillis();
    }

    /** Runs the selection to its end; throws when it could not, with what was republished so far left in place. */
    public Regrade.Selection select(Regrade regrade) {
        Map<String, Submission> chosen = chosen(regrade);
        if (!regrade.dryRun()) {
            republish(regrade, chosen);
        }
        LOG.infof("Regrade %s selected %d submissions%s", regrade.id(), chosen.size(), regrade.dryRun() ? " (dry run)" : "");
        return new Regrade.Selection(chosen.size(), null, Instant.now());
    }

    /** The latest record of each matching id in the range, in the order they were read. */
    private Map<String, Submission> chosen(Regrade regrade) {
        return readers.with(consumer -> {
            SubmissionRange range = SubmissionRange.of(regrade, submissionsTopic, consumer);
            Map<String, Submission> chosen = new LinkedHashMap<>();
            PartitionRanges.read(consumer, range.starts(), range.ends(), record -> submissionIn(record)
                    .filter(s -> s.regrade() == null && regrade.matches(s.metadata()))
                    .ifPresent(s -> {
                        chosen.remove(s.id()); // the later record of an id counts, at its place
                        chosen.put(s.id(), s);
                    }));
            return chosen;
        });
    }

    /** A record the executors would grade; one they refused (invalid) was never graded and is not regraded. */
    private static Optional<Submission> submissionIn(ConsumerRecord<String, byte[]> record) {
        try {
            Submission submission = SubmissionParser.parse(record.value());
            String id = submission.id() != null ? submission.id() : record.key();
            return id == null ? Optional.empty() : Optional.of(submission.withId(id));
        } catch (InvalidSubmissionException e) {
            return Optional.empty();
        }
    }

    private void republish(Regrade regrade, Map<String, Submission> chosen) {
        Set<String> alreadyQueued = new HashSet<>();
        scan.scan(queueTopic, regrade.id(), regrade.createdAt().toEpochMilli() - clockSkewMillis,
                record -> alreadyQueued.add(record.key()));
        if (!alreadyQueued.isEmpty()) {
            LOG.infof("Regrade %s resumes: %d submissions were republished before", regrade.id(), alreadyQueued.size());
        }
        List<Submission> toSend = chosen.values().stream().filter(s -> !alreadyQueued.contains(s.id())).toList();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int from = 0; from < toSend.size(); from += VERDICT_BATCH) {
            List<Submission> batch = toSend.subList(from, Math.min(toSend.size(), from + VERDICT_BATCH));
            Map<String, byte[]> previous = verdicts.verdicts(batch.stream().map(Submission::id).toList());
            for (Submission submission : batch) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put(Headers.REGRADE, regrade.id());
                if (regrade.apply()) {
                    headers.put(Headers.REGRADE_APPLY, "true");
                }
                summary(submission.id(), previous.get(submission.id())).ifPresent(before -> headers.put(
                        Headers.REGRADE_PREVIOUS, new String(Json.toBytes(before), StandardCharsets.UTF_8)));
                sends.add(producer.send(queueTopic, submission.id(), Json.toBytes(regrade.applyTo(submission)), headers));
            }
        }
        sends.forEach(RegradeProducer::await);
    }

    private static Optional<VerdictSummary> summary(String submissionId, byte[] json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(VerdictSummary.of(Json.mapper().readValue(json, Verdict.class)));
        } catch (IOException e) {
            LOG.warnf("The verdict of %s does not parse; the regrade shows it without one: %s", submissionId, e.getMessage());
            return Optional.empty();
        }
    }
}
