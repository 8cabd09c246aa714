package dev.gradestream.executor.grading.build;

/**
 * How a submission is compiled and linked. Every combination gives the same verdict; they differ in cost.
 *
 * @param singleLaunch   compile and link in one launch (one sandbox instead of two); the two steps still
 *                       report apart (compile_error vs link_error)
 * @param linker         the linker for {@code -fuse-ld=} ("gold", "mold"), or empty for the compiler's
 *                       default; when the compiler cannot use it, the default is used. A link it fails is
 *                       linked again with the default, whose messages are the ones reported
 * @param cacheEnabled   keep build results (objects, executable, diagnostics) under the work root, keyed by
 *                       their inputs, so the same build is not launched twice
 * @param cacheMaxBytes  the most the cache may hold on disk; the least recently used entries go first
 */
public record BuildOptions(boolean singleLaunch, String linker, boolean cacheEnabled, long cacheMaxBytes) {

    public static final String DEFAULT_LINKER = "gold";
    public static final long DEFAULT_CACHE_MAX_BYTES = 256L << 20;

    public BuildOptions {
        linker = linker == null ? "" : linker.strip();
        if (!linker.matches("[a-z0-9._-]*")) {
            throw new IllegalArgumentException("linker must be a name for -fuse-ld= such as gold, got: " + linker);
        }
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes must not be negative");
        }
    }

    /** Single launch, gold, a 256 MiB cache. */
    public static BuildOptions defaults() {
        return new BuildOptions(true, DEFAULT_LINKER, true, DEFAULT_CACHE_MAX_BYTES);
    }

    /** As the engine built before issue #9: two launches, the default linker, no cache. */
    public static BuildOptions classic() {
        return new BuildOptions(false, "", false, 0);
    }

    public BuildOptions withSingleLaunch(boolean single) {
        return new BuildOptions(single, linker, cacheEnabled, cacheMaxBytes);
    }

    public BuildOptions withLinker(String name) {
        return new BuildOptions(singleLaunch, name, cacheEnabled, cacheMaxBytes);
    }

    public BuildOptions withCache(boolean enabled, long maxBytes) {
        return new BuildOptions(singleLaunch, linker, enabled, maxBytes);
    }

    public boolean caching() {
        return cacheEnabled && cacheMaxBytes > 0;
    }
}
