package dev.gradestream.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Where and when a bench ran, for the report; and the limits a bench needs from the shell. */
public final class Machine {
    private Machine() {
    }

    /** Date, commit, cores, JDK and load, as one markdown paragraph. */
    public static String describe() {
        return "Date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + "; commit " + command("git", "rev-parse", "--short", "HEAD")
                + (command("git", "status", "--porcelain", "--untracked-files=no").isBlank() ? "" : " (with local changes)")
                + "; " + Runtime.getRuntime().availableProcessors() + " cores; Java "
                + System.getProperty("java.version") + "; " + loadAverage();
    }

    public static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load " + load[0] + " " + load[1] + " " + load[2];
        } catch (IOException e) {
            return "load unknown";
        }
    }

    /**
     * Fails, saying how to fix it, when this process may open fewer than {@code needed} files: every SSE
     * stream is a socket in the bench and in the app, and the app inherits the bench's limit.
     */
    public static void requireOpenFiles(int needed) throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        if (!soft.equals("unlimited") && Long.parseLong(soft) < needed) {
            throw new IllegalStateException("The open-files limit is " + soft + ", this run needs at least " + needed
                    + " (a socket per stream, in the bench and in the app). Raise it in this shell first: "
                    + "ulimit -n " + needed + "   (as root, or up to the hard limit `ulimit -Hn`)");
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
