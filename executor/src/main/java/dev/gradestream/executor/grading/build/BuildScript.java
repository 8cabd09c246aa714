package dev.gradestream.executor.grading.build;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several steps in one launch: a {@code sh -c} script runs the same commands the separate launches
 * would, one after the other, stopping at the first that fails, and writes a marker line with each
 * step's exit status to stderr after it, so the output can be split back into the steps' own results.
 * The marker carries a random nonce per launch: the compiler echoes the user's text (an {@code #error}
 * line) into stderr, and that text must not be able to forge a step's status. Everything in the script is
 * the engine's own (tool paths, flags, file names); nothing of the submission is interpolated into it.
 * Only the last step's stdout is meant to be read: the earlier ones (compilers) write none.
 */
public final class BuildScript {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String marker;
    private final String script;

    private BuildScript(String marker, String script) {
        this.marker = marker;
        this.script = script;
    }

    /**
     * Compile, then link; the link with {@code fallback} (the compiler's default linker, whose messages
     * are the ones reported) when {@code link} fails; no fallback when {@code link} already is that.
     */
    static BuildScript of(List<String> compile, List<String> link, List<String> fallback) {
        String linkStep = fallback == null ? quote(link) : quote(link) + " 2>/dev/null || " + quote(fallback);
        return steps(List.of(quote(compile), linkStep));
    }

    /** Commands run one after the other while each succeeds. */
    public static BuildScript ofCommands(List<List<String>> commands) {
        return steps(commands.stream().map(BuildScript::quote).toList());
    }

    private static BuildScript steps(List<String> steps) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String marker = "gs-step-" + HexFormat.of().formatHex(nonce);
        StringBuilder script = new StringBuilder();
        for (String step : steps) {
            script.append(step).append('\n')
                    .append("s=$?; printf '\\n%s %d\\n' ").append(marker)
                    .append(" \"$s\" >&2; [ \"$s\" -eq 0 ] || exit \"$s\"\n");
        }
        return new BuildScript(marker, script.toString());
    }

    public List<String> command() {
        return List.of("/bin/sh", "-c", script);
    }

    /**
     * Splits the launch's result into the steps that ran, in order. A step that was running when a limit
     * stopped the launch gets that limit; a step whose own stderr went past {@code stepOutputCap} counts as
     * stopped by the output cap, as its own launch would have been. The last step that ran gets the launch's
     * stdout.
     */
    public List<ProcessResult> splitSteps(ProcessResult launch, long stepOutputCap) {
        List<ProcessResult> steps = new ArrayList<>();
        String rest = launch.stderr();
        String tag = "\n" + marker + " ";
        while (true) {
            int at = rest.indexOf(tag);
            if (at < 0) {
                // Stopped in the middle of a step (or the shell died): that step gets the launch's ending.
                if (launch.limit() != LimitHit.NONE || launch.exitCode() != 0 || !rest.isEmpty()) {
                    steps.add(step(launch.exitCode(), launch.stdout(), rest, launch, launch.limit(), stepOutputCap));
                }
                return steps;
            }
            int end = lineEnd(rest, at + tag.length());
            int status = status(rest, at + tag.length(), end);
            String remaining = rest.substring(Math.min(end + 1, rest.length()));
            boolean last = status != 0 || remaining.isEmpty() && launch.limit() == LimitHit.NONE;
            steps.add(step(status, last ? launch.stdout() : "", rest.substring(0, at), launch, LimitHit.NONE,
                    stepOutputCap));
            if (status != 0) {
                return steps;
            }
            rest = remaining;
        }
    }

    /** The compile and the link, as {@link #of} ran them. */
    BuildRecord split(ProcessResult launch, long stepOutputCap) {
        List<ProcessResult> steps = splitSteps(launch, stepOutputCap);
        if (steps.isEmpty()) {
            throw new IllegalStateException("the build launch reported no step: exit " + launch.exitCode());
        }
        return new BuildRecord(steps.get(0), steps.size() > 1 ? steps.get(1) : null);
    }

    /** Past the cap, the step keeps its first {@code cap} bytes, as its own launch's collector would have. */
    private static ProcessResult step(int exitCode, String stdout, String stderr, ProcessResult launch, LimitHit limit,
            long cap) {
        byte[] bytes = stderr.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= cap) {
            return new ProcessResult(exitCode, stdout, stderr, launch.wallMs(), limit);
        }
        String kept = new String(Arrays.copyOf(bytes, (int) Math.min(cap, Integer.MAX_VALUE)), StandardCharsets.UTF_8);
        return new ProcessResult(exitCode, stdout, kept, launch.wallMs(), limit == LimitHit.NONE ? LimitHit.OUTPUT : limit);
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
