package dev.gradestream.executor.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/** A host path made visible read-only inside the sandbox, at {@code target}. */
public record BindMount(Path source, Path target) {

    public BindMount {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!source.isAbsolute() || !target.isAbsolute()) {
            throw new IllegalArgumentException("bind mounts need absolute paths: " + source + " -> " + target);
        }
    }

    /** The same path inside as outside. */
    public static BindMount same(Path path) {
        return new BindMount(path, path);
    }
}
