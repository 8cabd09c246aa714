package dev.gradestream.executor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {
    private static final TopicPartition P0 = new TopicPartition("submissions", 0);
    private static final TopicPartition P1 = new TopicPartition("submissions", 1);

    @Test
    void commitsUpToTheLowestRecordStillRunning() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.assigned(List.of(P0));
        OffsetLedger.Ticket first = ledger.take(P0, 10);
        OffsetLedger.Ticket second = ledger.take(P0, 11);
        OffsetLedger.Ticket third = ledger.take(P0, 12);
        assertThat(ledger.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        commit(ledger);

        ledger.finished(third);
        ledger.finished(second);
        assertThat(ledger.toCommit()).as("10 still runs").isEmpty();
        ledger.finished(first);
        assertThat(ledger.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
        commit(ledger);
        assertThat(ledger.toCommit()).as("nothing new").isEmpty();
    }

    @Test
    void aRevokedPartitionCommitsNothingMoreEvenWhenAssignedAgain() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.assigned(List.of(P0, P1));
        OffsetLedger.Ticket old = ledger.take(P0, 5);
        ledger.take(P1, 7);
        assertThat(ledger.toCommit(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
        ledger.forget(List.of(P0));
        assertThat(ledger.partitions()).isEqualTo(1);
        assertThatThrownBy(() -> ledger.take(P0, 6)).isInstanceOf(IllegalStateException.class);

        // Assigned again: the job taken under the old assignment finishing now must not move the new one.
        ledger.assigned(List.of(P0));
        OffsetLedger.Ticket again = ledger.take(P0, 5);
        ledger.finished(old);
        assertThat(ledger.toCommit(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
        ledger.finished(again);
        assertThat(ledger.toCommit(List.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));
    }

    @Test
    void aPartitionWithNothingTakenCommitsNothing() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.assigned(List.of(P0));
        assertThat(ledger.toCommit()).isEmpty();
    }

    private static void commit(OffsetLedger ledger) {
        ledger.committed(ledger.toCommit());
    }
}
