package dev.gradestream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static long millisOf(String id) {
        return Ids.epochMillisOf(id).orElseThrow();
    }

    @Test
    void aNewIdIsAVersion7UuidMadeNow() {
        long before = System.currentTimeMillis();
        String id = Ids.newSubmissionId();

        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2); // RFC 9562's variant, 10xx
        assertThat(millisOf(id)).isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }

    @Test
    void theTimestampRoundTrips() {
        long millis = 1_735_689_600_123L; // 2025-01-01T00:00:00.123Z
        assertThat(Ids.epochMillisOf(Ids.uuidV7(millis).toString())).hasValue(millis);
    }

    @Test
    void idsMadeInARowSortInTimeOrderByMillisecond() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(Ids.newSubmissionId());
            if (i % 20 == 0) {
                Thread.sleep(2); // make sure several distinct milliseconds are covered
            }
        }

        List<Long> madeAt = ids.stream().map(IdsTest::millisOf).toList();
        List<Long> sortedAsText = ids.stream().sorted().map(IdsTest::millisOf).toList();

        assertThat(madeAt).isSorted();
        assertThat(madeAt.stream().distinct().count()).isGreaterThan(1);
        // Sorting the strings must order by creation millisecond; within one millisecond the order is random.
        assertThat(sortedAsText).isEqualTo(madeAt);
        assertThat(ids.stream().sorted(Comparator.comparing(UUID::fromString)).map(IdsTest::millisOf).toList())
                .isEqualTo(madeAt);
    }

    @Test
    void otherStringsHaveNoTime() {
        assertThat(Ids.epochMillisOf(UUID.randomUUID().toString())).isEmpty();
        assertThat(Ids.epochMillisOf("not-a-uuid")).isEmpty();
    }
}
