package dev.gradestream.executor.grading.build;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compile and link in one launch: a {@code sh -c} script runs the same commands as the two launches
 * would, and writes a marker line with each step's exit status to stderr after it, so the output can
 * be split back into the two steps' own results. The marker carries a random nonce per launch: the
 * compiler echoes the user's text (an {@code #error} line) into stderr, and that text must not be able
 * to forge a step's status. Everything in the script is the engine's own (compiler path, flags, file
 * names); nothing of the submission is interpolated into it.
 */
final class BuildScript {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String marker;
    private final String script;

    private BuildScript(String marker, String script) {
        this.marker = marker;
        this.script = script;
    }

    /**
     * @param compile  the compile command
     * @param link     the link command, with the chosen linker
     * @param fallback the same link with the compiler's default linker, run when {@code link} fails (its
     *                 messages are the ones reported); null when {@code link} already is that
     */
    static BuildScript of(List<String> compile, List<String> link, List<String> fallback) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String marker = "gs-step-" + HexFormat.of().formatHex(nonce);
        String linkStep = fallback == null ? quote(link) : quote(link) + " 2>/dev/null || " + quote(fallback);
        String script = quote(compile) + "\n"
                + "s=$?; printf '\\n%s %d\\n' " + marker + " \"$s\" >&2; [ \"$s\" -eq 0 ] || exit \"$s\"\n"
                + linkStep + "\n"
                + "s=$?; printf '\\n%s %d\\n' " + marker + " \"$s\" >&2; exit \"$s\"\n";
        return new BuildScript(marker, script);
    }

    List<String> command() {
        return List.of("/bin/sh", "-c", script);
    }

    /**
     * Splits the launch's result into the steps'. A step that was running when a limit stopped the launch
     * gets that limit; a step whose own stderr went past {@code stepOutputCap} counts as stopped by the
     * output cap, as its own launch would have been.
     */
    BuildRecord split(ProcessResult launch, long stepOutputCap) {
        String stderr = launch.stderr();
        String tag = "\n" + marker + " ";
        int first = stderr.indexOf(tag);
        if (first < 0) {
            return new BuildRecord(step(launch.exitCode(), stderr, launch, launch.limit(), stepOutputCap), null);
        }
        int firstEnd = lineEnd(stderr, first + tag.length());
        int compileStatus = status(stderr, first + tag.length(), firstEnd);
        ProcessResult compile = step(compileStatus, stderr.substring(0, first), launch, LimitHit.NONE, stepOutputCap);
        if (compileStatus != 0) {
            return new BuildRecord(compile, null);
        }
        String rest = stderr.substring(Math.min(firstEnd + 1, stderr.length()));
        int second = rest.indexOf(tag);
        if (second < 0) {
            return new BuildRecord(compile, step(launch.exitCode(), rest, launch, launch.limit(), stepOutputCap));
        }
        int linkStatus = status(rest, second + tag.length(), lineEnd(rest, second + tag.length()));
        return new BuildRecord(compile, step(linkStatus, rest.substring(0, second), launch, LimitHit.NONE, stepOutputCap));
    }

    private static ProcessResult step(int exitCode, String stderr, ProcessResult launch, LimitHit limit, long cap) {
        LimitHit hit = limit == LimitHit.NONE && stderr.getBytes(StandardCharsets.UTF_8).length > cap ? LimitHit.OUTPUT : limit;
        return new ProcessResult(exitCode, "", stderr, launch.wallMs(), hit);
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int status(String text, int from, int to) {
        try {
            return Integer.parseInt(text.substring(from, to).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** POSIX sh single quotes: everything literal, a quote itself written as '\''. */
    static String quote(List<String> command) {
        return command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }
}
