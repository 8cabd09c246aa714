package dev.gradestream.executor.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The consumer thread of the executor. It takes a record only when a slot can start it now (otherwise it
 * pauses its partitions and keeps polling, so it stays in the group, and gives back any record it fetched
 * with a seek), prefers the interactive lane, and commits each partition up to its lowest unfinished
 * record. Jobs run on the slots' threads and hand their finished records back through a queue; only this
 * thread touches the consumer, except {@link KafkaConsumer#wakeup()} to say a job finished.
 */
final class IntakeLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(IntakeLoop.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration DRAIN_POLL = Duration.ofMillis(200);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long CLOSE_MARGIN_MS = 30_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Lanes lanes;
    private final GradingSlots slots;
    private final Consumer<ConsumerRecord<String, byte[]>> job;
    private final OffsetLedger ledger = new OffsetLedger();
    /** The offsets of the commit in flight, not sent again while it is; touched only by the loop's thread. */
    private Map<TopicPartition, OffsetAndMetadata> committing = Map.of();
    private final Queue<OffsetLedger.Ticket> finished = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean draining;
    private volatile long drainDeadline;
    private volatile boolean joined;
    private volatile int assignedPartitions;

    IntakeLoop(KafkaConsumer<String, byte[]> consumer, Lanes lanes, GradingSlots slots,
            Consumer<ConsumerRecord<String, byte[]>> job) {
        this.consumer = consumer;
        this.lanes = lanes;
        this.slots = slots;
        this.job = job;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(lanes.topics(), this);
            while (!draining) {
                try {
                    step();
                } catch (WakeupException jobFinished) {
                    // the next step sees it
                } catch (RetriableException e) {
                    LOG.warnf("The grading intake will try again: %s", e.toString());
                    pause(RETRY_AFTER);
                }
            }
            finishRunning();
        } catch (RuntimeException | Error e) {
            LOG.error("The grading intake stopped; this executor grades nothing more", e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the grading intake's consumer failed", e);
            }
            closed.countDown();
        }
    }

    private void step() {
        commitFinishedInBackground();
        Set<TopicPartition> assignment = consumer.assignment();
        boolean regradeMayStart = false;
        if (slots.free() == 0) {
            consumer.pause(assignment);
        } else {
            consumer.resume(lanes.interactive(assignment));
            Set<TopicPartition> regrade = lanes.regrade(assignment);
            if (lanes.nothingKnownToRegrade(consumer, regrade)) {
                // The usual case: keep fetching the lane to learn of new regrades, without asking the broker
                // for the interactive lane's end offsets at every step (a round trip before each poll). A
                // regrade record that comes is given back once, and the next step weighs it properly.
                consumer.resume(regrade);
            } else {
                regradeMayStart = !regrade.isEmpty() && !lanes.interactiveWaiting(consumer, assignment);
                if (regradeMayStart) {
                    consumer.resume(regrade);
                } else {
                    consumer.pause(regrade);
                }
            }
        }
        dispatch(consumer.poll(POLL), regradeMayStart);
    }

    /** Starts what it can, interactive first, and gives the rest back. No blocking calls: a wakeup here would lose records. */
    private void dispatch(ConsumerRecords<String, byte[]> records, boolean regradeMayStart) {
        Set<TopicPartition> givenBack = new HashSet<>();
        boolean interactiveFetched = false;
        for (TopicPartition tp : records.partitions()) {
            if (lanes.isInteractive(tp.topic())) {
                interactiveFetched = true;
                records.records(tp).forEach(record -> offer(tp, record, true, givenBack));
            }
        }
        // A regrade never starts in a poll that brought interactive work: there may be more behind it.
        boolean regradeStarts = regradeMayStart && !interactiveFetched;
        for (TopicPartition tp : records.partitions()) {
            if (!lanes.isInteractive(tp.topic())) {
                records.records(tp).forEach(record -> offer(tp, record, regradeStarts, givenBack));
            }
        }
    }

    private void offer(TopicPartition tp, ConsumerRecord<String, byte[]> record, boolean mayStart, Set<TopicPartition> givenBack) {
        if (givenBack.contains(tp)) {
            return;
        }
        if (!mayStart || draining || slots.free() == 0) {
            // Fetched but cannot start now: the next poll fetches it again from here.
            consumer.seek(tp, record.offset());
            givenBack.add(tp);
            return;
        }
        OffsetLedger.Ticket ticket = ledger.take(tp, record.offset());
        slots.start(() -> {
            try {
                job.accept(record);
                finished.add(ticket);
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s-%d@%d is left uncommitted: it will be graded again after a restart or rebalance",
                        tp.topic(), tp.partition(), record.offset());
            }
        }, this::wake);
    }

    private void wake() {
        if (closed.getCount() > 0) {
            consumer.wakeup();
        }
    }

    /**
     * While running: the commit goes out with the next poll instead of the loop waiting for it (a round trip
     * to the group coordinator, 2 ms or more, during which a new submission would wait for its poll). A
     * failed or unanswered commit leaves the offsets to be committed again; a crash before one lands grades
     * those submissions again, as a crash just before a blocking commit would. Shutdown and revocation
     * still commit and wait.
     */
    private void commitFinishedInBackground() {
        applyFinished();
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.toCommit();
        if (offsets.isEmpty() || offsets.equals(committing)) {
            return;
        }
        committing = offsets;
        consumer.commitAsync(offsets, (done, failure) -> {
            if (failure == null) {
                ledger.committed(done);
            } else {
                LOG.warnf("Committing %s failed (%s); will try again", done, failure.getMessage());
            }
            if (committing == offsets) {
                committing = Map.of();
            }
        });
    }

    private void commitFinished() {
        applyFinished();
        commit(ledger.toCommit());
    }

    private void applyFinished() {
        for (OffsetLedger.Ticket ticket; (ticket = finished.poll()) != null; ) {
            ledger.finished(ticket);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            ledger.committed(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // A rebalance in progress or a broker away: the same offsets are tried again after the next poll.
            LOG.warnf("Committing %s failed (%s); will try again", offsets, e.getMessage());
        }
    }

    /** On shutdown: start nothing more, wait for running jobs within the grace, commit what finished. */
    private void finishRunning() {
        if (slots.busy() > 0) {
            LOG.infof("Shutting down: waiting up to %d s for %d running jobs",
                    TimeUnit.NANOSECONDS.toSeconds(drainDeadline - System.nanoTime()), slots.busy());
        }
        while (slots.busy() > 0 && System.nanoTime() < drainDeadline) {
            try {
                commitFinished();
                consumer.pause(consumer.assignment());
                dispatch(consumer.poll(DRAIN_POLL), false);
            } catch (WakeupException jobFinished) {
                // go round
            }
        }
        if (slots.busy() > 0) {
            LOG.warnf("Shutting down with %d jobs still running; they will run again elsewhere", slots.busy());
        }
        for (int tries = 0; tries < 2; tries++) {
            try {
                commitFinished();
                return;
            } catch (WakeupException lateJob) {
                // a job finished just now: commit it too
            }
        }
    }

    /**
     * Stops taking records and waits for running jobs up to {@code grace}, then for the consumer to commit
     * and close. Called on shutdown, before any bean the jobs use is destroyed.
     */
    void drain(Duration grace) throws InterruptedException {
        drainDeadline = System.nanoTime() + grace.toNanos();
        draining = true;
        wake();
        if (!closed.await(grace.toMillis() + CLOSE_MARGIN_MS, TimeUnit.MILLISECONDS)) {
            LOG.warn("The grading intake did not close in time");
        }
    }

    boolean joined() {
        return joined;
    }

    int assignedPartitions() {
        return assignedPartitions;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        ledger.assigned(partitions);
        joined = true;
        assignedPartitions = ledger.partitions();
    }

    // Commits what finished there; jobs of these partitions still running finish but commit nothing.
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        try {
            applyFinished();
            Map<TopicPartition, OffsetAndMetadata> offsets = ledger.toCommit(partitions);
            try {
                commit(offsets);
            } catch (WakeupException jobFinished) {
                commit(offsets);
            }
        } finally {
            onPartitionsLost(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        ledger.forget(partitions);
        assignedPartitions = ledger.partitions();
    }
}
