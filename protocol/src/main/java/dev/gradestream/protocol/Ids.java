package dev.gradestream.protocol;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time-ordered, so an id also
 * says roughly when the submission arrived, which the read path uses to find its events.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newSubmissionId() {
        return uuidV7(System.currentTimeMillis()).toString();
    }

    public static UUID uuidV7(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (epochMillis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The creation time of a UUIDv7, or empty for any other string. */
    public static java.util.OptionalLong epochMillisOf(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (uuid.version() != 7) {
                return java.util.OptionalLong.empty();
            }
            return java.util.OptionalLong.of(uuid.getMostSignificantBits() >>> 16);
        } catch (IllegalArgumentException notAUuid) {
            return java.util.OptionalLong.empty();
        }
    }
}
