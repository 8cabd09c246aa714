package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Launch ids start with the pid of the service that made them ("j1234-17"). Cgroups of a service that
 * died (killed, or the machine's OOM killer) stay behind with their processes; the next service removes
 * them at start. A live service's launches are left alone, so several services can share a parent.
 */
final class StaleLaunches {
    private static final Pattern LAUNCH_ID = Pattern.compile("j(\\d+)-\\d+");
    private static long sequence;

    private StaleLaunches() {
    }

    static synchronized String nextId() {
        return "j" + ProcessHandle.current().pid() + "-" + ++sequence;
    }

    static void sweep(List<Path> parents, Function<String, LaunchCgroup> adopt) {
        for (Path parent : parents) {
            try (Stream<Path> children = Files.list(parent)) {
                children.map(child -> child.getFileName().toString()).filter(StaleLaunches::orphaned)
                        .forEach(id -> adopt.apply(id).close());
            } catch (IOException e) {
                // Nothing to sweep in a parent we cannot list; creating launches there will fail loudly.
            }
        }
    }

    private static boolean orphaned(String name) {
        Matcher matcher = LAUNCH_ID.matcher(name);
        return matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty();
    }
}
