package dev.gradestream.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.model.EventType;
import dev.gradestream.protocol.model.StageEvent;
import dev.gradestream.results.config.ResultsConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubmissionEventStoreTest {
    private static final long T0 = 1_780_000_000_000L;
    private static final String ID = Ids.uuidV7(T0).toString();
    private static final String ATTEMPT_A = Ids.uuidV7(T0 + 1_000).toString();
    private static final String ATTEMPT_B = Ids.uuidV7(T0 + 86_400_000).toString();

    private final FakePast past = new FakePast();

    @Test
    void aFullCacheDropsFinishedTimelinesButKeepsRunningOnes() {
        SubmissionEventStore store = store(2, Duration.ofHours(1));
        store.append(event("done", "a", 1, EventType.COMPLETED));
        store.append(event("running-1", "a", 1, EventType.STARTED));
        store.append(event("running-2", "a", 1, EventType.STARTED));

        assertThat(store.find("done").isPresent()).isFalse();
        assertThat(store.find("running-1").isPresent()).isTrue();
        assertThat(store.find("running-2").isPresent()).isTrue();
    }

    @Test
    void theByteBoundDropsTheLeastRecentFinishedTimelinesAndCountsWhatIsLeft() {
        List<List<StoredEvent>> finished = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            finished.add(stream("done-" + i, "a", 3));
        }
        long oneFinished = weight(finished.get(0));
        List<StoredEvent> running = stream("running", "a", 3).subList(0, 2);
        // Room for the running one and two finished ones, not three.
        long bound = weight(running) + 2 * oneFinished + oneFinished / 2;
        SubmissionEventStore store = new SubmissionEventStore(config(1000, bound, Duration.ofHours(1)), past);

        running.forEach(store::append);
        finished.forEach(events -> events.forEach(store::append));

        assertThat(store.cachedBytes()).isEqualTo(weight(running) + 2 * oneFinished);
        for (int i = 0; i < 4; i++) {
            assertThat(store.find("done-" + i).isPresent()).as("done-%d dropped", i).isFalse();
        }
        assertThat(store.find("done-4").isPresent()).isTrue();
        assertThat(store.find("done-5").isPresent()).isTrue();
        assertThat(store.find("running").isPresent()).isTrue();
        assertThat(store.cachedBytes()).isEqualTo(weight(running) + 2 * oneFinished);
    }

    @Test
    void aSubmissionFoundStaysWholeForItsReaderEvenIfTheCacheDropsItRightAfter() {
        past.write(stream(ID, ATTEMPT_A, 3));
        SubmissionEventStore store = store(2, Duration.ofHours(1));
        List<StoredEvent> running = List.of(event("running-1", "a", 1, EventType.STARTED),
                event("running-2", "a", 1, EventType.STARTED), event("running-3", "a", 1, EventType.STARTED));
        store.append(running.get(0));
        store.append(running.get(1));

        SubmissionView found = store.find(ID).orElseThrow();
        // The cache is over its bound with two running ones: the next event drops the finished one found.
        store.append(running.get(2));
        assertThat(store.cachedBytes()).as("only the running ones are left").isEqualTo(weight(running));

        assertThat(seqs(found.follow(Optional.empty()).collect().asList().await().atMost(Duration.ofSeconds(5))))
                .containsExactly(1, 2, 3);
        assertThat(found.completion()).map(StoredEvent::type).contains(EventType.COMPLETED);
    }

    @Test
    void aTimelineReplacedByANewerAttemptCountsOnlyTheNewOne() {
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        List<StoredEvent> first = stream(ID, ATTEMPT_A, 4);
        List<StoredEvent> second = stream(ID, ATTEMPT_B, 2);

        first.forEach(store::append);
        second.forEach(store::append);

        assertThat(store.cachedBytes()).isEqualTo(weight(second));
    }

    @Test
    void anAbandonedTimelineIsDroppedEvenIfItNeverFinished() throws InterruptedException {
        SubmissionEventStore store = store(1, Duration.ofMillis(50));
        store.expect("accepted-but-never-graded");
        Thread.sleep(100);
        store.append(event("next", "a", 1, EventType.STARTED));

        assertThat(store.find("accepted-but-never-graded").isPresent()).isFalse();
        assertThat(store.find("next").isPresent()).isTrue();
    }

    @Test
    void aSubmissionNeverSeenLiveIsReadWholeFromThePastFromItsIdsTime() {
        past.write(stream(ID, ATTEMPT_A, 4));
        SubmissionEventStore store = store(10, Duration.ofHours(1));

        assertThat(store.find(ID).isPresent()).isTrue();

        assertThat(seqs(store.find(ID).orElseThrow().follow(Optional.empty()).collect().asList().await().atMost(Duration.ofSeconds(5)))).containsExactly(1, 2, 3, 4);
        assertThat(past.readsSince).containsExactly(T0);
        assertThat(store.find(ID).flatMap(SubmissionView::completion)).map(StoredEvent::type).contains(EventType.COMPLETED);
    }

    @Test
    void eventsSeenLiveBeforeThePastWasReadAreShownOnceAndInOrder() {
        List<StoredEvent> all = stream(ID, ATTEMPT_A, 5);
        past.write(all);
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        store.append(all.get(3)); // the tail started mid-stream, at seq 4 (this instance accepted it: a /submit reader)
        List<StoredEvent> seen = new CopyOnWriteArrayList<>();
        store.expect(ID).follow(Optional.empty()).subscribe().with(seen::add);
        assertThat(seen).isEmpty(); // 4 waits for 1..3

        assertThat(store.find(ID).isPresent()).isTrue();
        store.append(all.get(4));
        store.append(all.get(2)); // a late duplicate

        assertThat(seqs(seen)).containsExactly(1, 2, 3, 4, 5);
        assertThat(past.readsSince).containsExactly(T0 + 1_000); // from the attempt it saw, not the id
    }

    @Test
    void aFinishedSubmissionIsReadFromItsFinalVerdictsAttempt() {
        past.write(stream(ID, ATTEMPT_A, 3));
        past.write(stream(ID, ATTEMPT_B, 3));
        past.finalAttempts.put(ID, ATTEMPT_B);
        SubmissionEventStore store = store(10, Duration.ofHours(1));

        assertThat(store.find(ID).isPresent()).isTrue();

        List<StoredEvent> events = store.find(ID).orElseThrow().follow(Optional.empty()).collect().asList().await().atMost(Duration.ofSeconds(5));
        assertThat(events).extracting(StoredEvent::attempt).containsOnly(ATTEMPT_B);
        assertThat(past.readsSince).containsExactly(T0 + 86_400_000);
    }

    @Test
    void anUnknownIdIsNotKnownAndNotCachedButAnAcceptedOneWaitsForItsEvents() {
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        String queued = Ids.uuidV7(T0 + 5).toString();
        past.submitted.add(queued);

        assertThat(store.find(ID).isPresent()).isFalse();
        assertThat(store.find(ID).isPresent()).isFalse();
        assertThat(past.readsSince).hasSize(2); // not cached as known, so asked again
        assertThat(store.find(queued).isPresent()).isTrue();
        assertThat(store.find(queued).orElseThrow().latest()).isEmpty();

        List<StoredEvent> seen = new CopyOnWriteArrayList<>();
        store.find(queued).orElseThrow().follow(Optional.empty()).subscribe().with(seen::add);
        stream(queued, ATTEMPT_A, 2).forEach(store::append);
        assertThat(seqs(seen)).containsExactly(1, 2);
    }

    @Test
    void aNewerAttemptIsAnnouncedToReadersOfTheOldOneInsteadOfMixingThem() {
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        List<StoredEvent> first = stream(ID, ATTEMPT_A, 3);
        store.append(first.get(0));
        store.append(first.get(1));
        List<StoredEvent> seen = new CopyOnWriteArrayList<>();
        store.find(ID).orElseThrow().follow(Optional.empty()).subscribe().with(seen::add);

        stream(ID, ATTEMPT_B, 3).forEach(store::append);
        store.append(first.get(2)); // the old attempt's late end is ignored

        assertThat(seen).extracting(e -> e.attempt().equals(ATTEMPT_A) ? "A" + e.seq() : e.type() + "/" + e.seq())
                .containsExactly("A1", "A2", "SUPERSEDED/0", "STARTED/1", "TEST_PASSED/2", "COMPLETED/3");
        assertThat(seen.get(2).event().data().path("previousAttempt").asText()).isEqualTo(ATTEMPT_A);
    }

    @Test
    void everyReaderIsSentTheOneTextTheEventWasReadAs() throws Exception {
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        byte[] written = ("{\"submissionId\":\"" + ID + "\",\"attempt\":\"" + ATTEMPT_A + "\",\"seq\":1,"
                + "\"type\":\"started\",\"at\":\"2026-05-28T10:00:00Z\",\"data\":{\"tests\":3}}").getBytes();
        List<StoredEvent> first = new CopyOnWriteArrayList<>();
        List<StoredEvent> second = new CopyOnWriteArrayList<>();
        store.expect(ID).follow(Optional.empty()).subscribe().with(first::add);
        store.expect(ID).follow(Optional.empty()).subscribe().with(second::add);

        store.append(StoredEvent.read(written));

        assertThat(first.get(0).json()).isEqualTo(new String(written)).isSameAs(second.get(0).json());
        assertThat(first.get(0).event().data().path("tests").asInt()).isEqualTo(3);
    }

    @Test
    void concurrentReadersOfAColdSubmissionReadThePastOnce() throws Exception {
        past.write(stream(ID, ATTEMPT_A, 3));
        past.delayMillis = 200;
        SubmissionEventStore store = store(10, Duration.ofHours(1));
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> lookups = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                lookups.add(readers.submit(() -> store.find(ID).isPresent()));
            }
            for (Future<Boolean> lookup : lookups) {
                assertThat(lookup.get(5, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(past.readsSince).hasSize(1);
    }

    private SubmissionEventStore store(int capacity, Duration abandonedAfter) {
        return new SubmissionEventStore(config(capacity, abandonedAfter), past);
    }

    private static long weight(List<StoredEvent> events) {
        return events.stream().mapToLong(StoredEvent::weight).sum();
    }

    private static List<Integer> seqs(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::seq).toList();
    }

    /** started, test-passed…, completed: {@code length} events of one attempt. */
    private static List<StoredEvent> stream(String id, String attempt, int length) {
        List<StoredEvent> events = new ArrayList<>();
        for (int seq = 1; seq <= length; seq++) {
            EventType type = seq == 1 ? EventType.STARTED : seq == length ? EventType.COMPLETED : EventType.TEST_PASSED;
            events.add(event(id, attempt, seq, type));
        }
        return events;
    }

    private static StoredEvent event(String id, String attempt, int seq, EventType type) {
        return StoredEvent.of(new StageEvent(id, attempt, seq, type, Instant.now(), JsonNodeFactory.instance.objectNode()));
    }

    /** The topics' past as the store sees it; records every read so tests can say where it looked. */
    private static final class FakePast implements PastEvents {
        final List<StoredEvent> written = new CopyOnWriteArrayList<>();
        final List<String> submitted = new CopyOnWriteArrayList<>();
        final Map<String, String> finalAttempts = new ConcurrentHashMap<>();
        final List<Long> readsSince = new CopyOnWriteArrayList<>();
        volatile long delayMillis;

        void write(List<StoredEvent> events) {
            written.addAll(events);
        }

        @Override
        public List<StoredEvent> eventsSince(String submissionId, long sinceMillis) {
            readsSince.add(sinceMillis);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return written.stream().filter(event -> event.submissionId().equals(submissionId)).toList();
        }

        @Override
        public boolean wasSubmitted(String submissionId, long idMillis) {
            return submitted.contains(submissionId);
        }

        @Override
        public Optional<String> finalAttemptOf(String submissionId) {
            return Optional.ofNullable(finalAttempts.get(submissionId));
        }
    }

    private static ResultsConfig config(int capacity, Duration abandonedAfter) {
        return config(capacity, Long.MAX_VALUE, abandonedAfter);
    }

    private static ResultsConfig config(int capacity, long maxBytes, Duration abandonedAfter) {
        return new ResultsConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int maxCachedSubmissions() {
                return capacity;
            }

            @Override
            public MemorySize maxCachedEventBytes() {
                return new MemorySize(BigInteger.valueOf(maxBytes));
            }

            @Override
            public MemorySize maxCachedVerdictBytes() {
                return new MemorySize(BigInteger.valueOf(maxBytes));
            }

            @Override
            public Duration abandonedAfter() {
                return abandonedAfter;
            }

            @Override
            public Duration sseHeartbeat() {
                return Duration.ofSeconds(15);
            }

            @Override
            public int maxCachedVerdicts() {
                return 10;
            }

            @Override
            public History history() {
                return null;
            }

            @Override
            public Regrades regrades() {
                return null;
            }
        };
    }
}
