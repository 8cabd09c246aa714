package dev.gradestream.executor.grading.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns what a program wrote into text that is safe to put in JSON and show: UTF-8 with malformed bytes
 * replaced, without NULs and other control characters (tab, newline and carriage return stay),
 * and never longer than the output limit.
 */
public final class OutputText {

    private OutputText() {
    }

    /** The first {@code limit} bytes of a file, as text; empty when the file does not exist. */
    public static String read(Path file, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return clean(new String(cutAtCharacter(in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8))),
                    StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    public static String clean(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' || c == '\r';
            if (!keep && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            } else if (keep && clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }

    /**
     * The parts one after the other, cut to {@code limit} UTF-8 bytes; when anything was cut (here or
     * before, {@code alreadyTruncated}), a note on its own line says so.
     */
    public static String combine(List<String> parts, long limit, boolean alreadyTruncated) {
        StringBuilder all = new StringBuilder();
        long bytes = 0;
        boolean truncated = alreadyTruncated;
        for (String part : parts) {
            long size = part.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size <= limit) {
                all.append(part);
                bytes += size;
                continue;
            }
            all.append(prefix(part, limit - bytes));
            truncated = true;
            break;
        }
        return truncated ? withNote(all.toString(), limit) : all.toString();
    }

    public static String withNote(String text, long limit) {
        return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
                + "[output truncated: more than " + limit + " bytes]";
    }

    /** The longest prefix of {@code text} that fits in {@code bytes} UTF-8 bytes. */
    private static String prefix(String text, long bytes) {
        long used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used + size > bytes) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /** Drops a multi-byte character cut in half by the limit, rather than showing it as garbage. */
    private static byte[] cutAtCharacter(byte[] bytes) {
        int end = bytes.length;
        int continuation = 0;
        while (end > 0 && continuation < 3 && (bytes[end - 1] & 0xC0) == 0x80) {
            end--;
            continuation++;
        }
        if (end > 0) {
            int lead = bytes[end - 1] & 0xFF;
            int expected = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            if (expected > continuation) {
                return java.util.Arrays.copyOf(bytes, end - 1);
            }
        }
        return bytes;
    }
}
