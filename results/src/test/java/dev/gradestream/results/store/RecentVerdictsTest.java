package dev.gradestream.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentVerdictsTest {

    @Test
    void heavyVerdictsPushOutTheLeastRecentlyUsedOnesBeforeTheCountIsReached() {
        RecentVerdicts recent = new RecentVerdicts(100, 1000);
        recent.put("a", new byte[400]);
        recent.put("b", new byte[400]);
        recent.get("a"); // a is now more recent than b
        recent.put("c", new byte[400]);

        assertThat(recent.get("b")).isEmpty();
        assertThat(recent.get("a")).get().extracting(body -> body.length).isEqualTo(400);
        assertThat(recent.get("c")).isPresent();
        assertThat(recent.bytes()).isEqualTo(800);
    }

    @Test
    void theCountBoundsTooAndAReplacedOrRemovedBodyLeavesTheByteCount() {
        RecentVerdicts recent = new RecentVerdicts(2, 1_000_000);
        recent.put("a", new byte[10]);
        recent.put("b", new byte[20]);
        recent.put("a", new byte[30]); // replaces a's body
        recent.put("c", new byte[40]); // b is the least recent

        assertThat(recent.get("b")).isEmpty();
        assertThat(recent.bytes()).isEqualTo(70);
        recent.remove("a");
        recent.remove("unknown");
        assertThat(recent.bytes()).isEqualTo(40);
    }

    @Test
    void aBodyHeavierThanTheWholeBoundIsNotKept() {
        RecentVerdicts recent = new RecentVerdicts(100, 100);
        recent.put("a", new byte[50]);
        recent.put("huge", new byte[101]);

        assertThat(recent.get("huge")).isEmpty();
        assertThat(recent.get("a")).isEmpty();
        assertThat(recent.bytes()).isZero();
    }
}
