package dev.gradestream.results.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict bodies kept in memory: the most recently written or read ones, as many and as heavy as
 * the bounds allow. Verdicts vary a lot in size (a program's output is in them), so a count alone
 * would not bound the heap.
 */
final class RecentVerdicts {
    /** Least recently used first; guards {@link #bytes} too. */
    private final Map<String, byte[]> bodies = new LinkedHashMap<>(1024, 0.75f, true);
    private final int maxCount;
    private final long maxBytes;
    private long bytes;

    RecentVerdicts(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    synchronized Optional<byte[]> get(String submissionId) {
        return Optional.ofNullable(bodies.get(submissionId));
    }

    synchronized void put(String submissionId, byte[] verdictJson) {
        byte[] replaced = bodies.put(submissionId, verdictJson);
        bytes += verdictJson.length - (replaced == null ? 0 : replaced.length);
        Iterator<byte[]> oldestFirst = bodies.values().iterator();
        while ((bodies.size() > maxCount || bytes > maxBytes) && oldestFirst.hasNext()) {
            bytes -= oldestFirst.next().length;
            oldestFirst.remove();
        }
    }

    synchronized void remove(String submissionId) {
        byte[] removed = bodies.remove(submissionId);
        bytes -= removed == null ? 0 : removed.length;
    }

    synchronized long bytes() {
        return bytes;
    }
}
