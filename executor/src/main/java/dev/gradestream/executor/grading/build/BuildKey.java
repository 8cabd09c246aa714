package dev.gradestream.executor.grading.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The cache key of a build: a SHA-256 over everything its result depends on: the sources the compiler
 * reads, the compiler (version, binary, its time), the exact commands (flags, linker) and the harness
 * object linked in. Each part is length-prefixed, so no two different inputs run together into one.
 */
public final class BuildKey {

    private BuildKey() {
    }

    public static String of(String compilerIdentity, List<List<String>> commands, List<byte[]> inputs) {
        MessageDigest digest = sha256();
        update(digest, "gradestream-build-v1".getBytes(StandardCharsets.UTF_8));
        update(digest, compilerIdentity.getBytes(StandardCharsets.UTF_8));
        for (List<String> command : commands) {
            update(digest, String.join("\u0000", command).getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] input : inputs) {
            update(digest, input);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, byte[] part) {
        long length = part.length;
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (length >>> shift));
        }
        digest.update(part);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
