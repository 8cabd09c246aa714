package dev.gradestream.bench.support;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code --name value} command-line options with defaults; an unknown option is an error, not ignored. */
public final class Options {
    private final List<String> args;

    public Options(String[] args, String... known) {
        this.args = Arrays.asList(args);
        List<String> names = Arrays.asList(known);
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]
                        + " (options: " + String.join(" ", names) + ", each followed by a value)");
            }
        }
    }

    public String string(String name, String fallback) {
        int at = args.indexOf(name);
        return at < 0 ? fallback : args.get(at + 1);
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    public List<String> list(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The packaged app, {@code --app-jar} (default: the build's output, relative to the repository root). */
    public Path appJar() {
        return Path.of(string("--app-jar", "app/target/quarkus-app/quarkus-run.jar"));
    }
}
