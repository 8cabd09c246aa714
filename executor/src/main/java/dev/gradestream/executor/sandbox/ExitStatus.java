package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the command ended, as gs-init (or, when it failed before bwrap, gs-launch) wrote it to the status
 * file: "exit N", "signal S [core]", "exec-error ERRNO TEXT", "launch-error TEXT" or "error ERRNO TEXT".
 * The file stays empty when init never ran or was killed (the tree kill, the OOM killer).
 */
record ExitStatus(Kind kind, int value, String text) {

    enum Kind { EXITED, SIGNALED, EXEC_FAILED, LAUNCH_FAILED, INIT_FAILED, UNKNOWN }

    static final ExitStatus UNKNOWN = new ExitStatus(Kind.UNKNOWN, 0, "");

    static ExitStatus read(Path file) {
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** A failed exec is reported by the child before init's own "exit 127": it wins. */
    static ExitStatus parse(String content) {
        ExitStatus found = UNKNOWN;
        for (String line : content.split("\n")) {
            String[] words = line.split(" ", 3);
            ExitStatus status = switch (words[0]) {
                case "exit" -> new ExitStatus(Kind.EXITED, number(words, 1), "");
                case "signal" -> new ExitStatus(Kind.SIGNALED, number(words, 1), words.length > 2 ? words[2] : "");
                case "exec-error" -> new ExitStatus(Kind.EXEC_FAILED, number(words, 1), rest(words, 2));
                case "error" -> new ExitStatus(Kind.INIT_FAILED, number(words, 1), rest(words, 2));
                case "launch-error" -> new ExitStatus(Kind.LAUNCH_FAILED, 0, line.substring(words[0].length()).trim());
                default -> UNKNOWN;
            };
            if (found.kind == Kind.UNKNOWN || status.kind == Kind.EXEC_FAILED) {
                found = status.kind == Kind.UNKNOWN ? found : status;
            }
        }
        return found;
    }

    private static int number(String[] words, int index) {
        try {
            return words.length > index ? Integer.parseInt(words[index].trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String rest(String[] words, int index) {
        return words.length > index ? words[index].trim() : "";
    }
}
