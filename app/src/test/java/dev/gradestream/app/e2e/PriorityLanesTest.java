package dev.gradestream.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A flood of regrades does not hold up an interactive submission: with one slot, once it is produced at
 * most one regrade starts before it. Every id here is chosen to land on one partition of {@code results},
 * so the order of their events there is the order the executor started and finished them in.
 */
@QuarkusTest
@TestProfile(IntakeProfile.class)
class PriorityLanesTest {
    private static final int REGRADES = 200;
    private static final int STARTED_BEFORE_INTERACTIVE = 3;

    @Test
    void anInteractiveSubmissionOvertakesQueuedRegradesAndTheConsumerNeverRunsAhead() throws Exception {
        try (TestKafka kafka = new TestKafka()) {
            int partition = kafka.partitionOf(Topics.RESULTS, Ids.newSubmissionId());
            TopicPartition results = new TopicPartition(Topics.RESULTS, partition);
            Set<String> regrades = new LinkedHashSet<>();
            while (regrades.size() < REGRADES) {
                regrades.add(idOn(kafka, partition));
            }
            for (String id : regrades) {
                kafka.send(Topics.SUBMISSIONS_REGRADE, id, submission(id, "\"regrade\": \"lanes-test\", "));
            }
            TestKafka.readUntil(results, read -> count(read, regrades, "started") >= STARTED_BEFORE_INTERACTIVE,
                    Duration.ofSeconds(60));

            long producedAt = TestKafka.endOffset(results);
            String interactive = idOn(kafka, partition);
            kafka.send(Topics.SUBMISSIONS, interactive, submission(interactive, ""));

            Set<String> all = new HashSet<>(regrades);
            all.add(interactive);
            List<ConsumerRecord<String, byte[]>> events = TestKafka.readUntil(results,
                    read -> count(read, all, "completed") == REGRADES + 1, Duration.ofSeconds(300));

            long interactiveStarted = events.stream()
                    .filter(record -> record.key().equals(interactive) && type(record).equals("started"))
                    .mapToLong(ConsumerRecord::offset).findFirst().orElseThrow();
            long regradesStartedBetween = events.stream()
                    .filter(record -> regrades.contains(record.key()) && type(record).equals("started"))
                    .filter(record -> record.offset() >= producedAt && record.offset() < interactiveStarted)
                    .count();
            assertThat(regradesStartedBetween).as("regrades started after the interactive one was produced, before it started")
                    .isLessThanOrEqualTo(IntakeProfile.SLOTS);
            long regradesStartedAfter = events.stream()
                    .filter(record -> regrades.contains(record.key()) && type(record).equals("started"))
                    .filter(record -> record.offset() > interactiveStarted)
                    .count();
            assertThat(regradesStartedAfter).as("it did not wait for the flood").isGreaterThan(0);
            System.out.printf("interactive started after %d of %d regrades (%d of them after it was produced)%n",
                    REGRADES - regradesStartedAfter, REGRADES, regradesStartedBetween);

            // In results' order: a job starts only when one has finished, never more than the slots at once.
            int running = 0;
            for (ConsumerRecord<String, byte[]> record : events) {
                if (all.contains(record.key())) {
                    running += switch (type(record)) {
                        case "started" -> 1;
                        case "completed", "error" -> -1;
                        default -> 0;
                    };
                    assertThat(running).as("jobs running at offset " + record.offset()).isBetween(0, IntakeProfile.SLOTS);
                }
            }
            assertThat(count(events, all, "started")).as("each graded once").isEqualTo(REGRADES + 1);
        }
    }

    private static String submission(String id, String extra) {
        return "{\"id\": \"" + id + "\", " + extra + "\"code\": \"int one(void) { return 1; }\", "
                + "\"tests\": \"assert(one() == 1);\", \"valgrind\": false}";
    }

    /** A fresh id whose events go to the given partition of results. */
    private static String idOn(TestKafka kafka, int partition) {
        while (true) {
            String id = Ids.newSubmissionId();
            if (kafka.partitionOf(Topics.RESULTS, id) == partition) {
                return id;
            }
        }
    }

    private static long count(List<ConsumerRecord<String, byte[]>> events, Set<String> ids, String type) {
        return events.stream().filter(record -> ids.contains(record.key()) && type(record).equals(type)).count();
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        JsonNode event = TestKafka.json(record);
        return event.path("type").asText();
    }
}
