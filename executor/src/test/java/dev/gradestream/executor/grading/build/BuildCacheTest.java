package dev.gradestream.executor.grading.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on its own: what it keeps, what it gives back, and what it drops first. */
class BuildCacheTest {
    private static final List<String> FILES = List.of("submission.o", "prog");

    @TempDir
    Path work;

    @Test
    void aHitGivesBackTheRecordAndAPrivateCopyOfTheFiles() throws IOException {
        BuildCache cache = new BuildCache(work.resolve("cache"), 1 << 20);
        Path job = job("one", 100);
        BuildRecord built = new BuildRecord(result(0, "[{\"kind\": \"warning\"}]"),
                result(0, job.toAbsolutePath() + "/code.c:3: note"));
        cache.store("k1", built, job, FILES);

        Path other = Files.createDirectory(work.resolve("other"));
        BuildRecord restored = cache.restore("k1", other).orElseThrow();

        assertThat(restored.compile().exitCode()).isEqualTo(0);
        assertThat(restored.compile().stderr()).isEqualTo("[{\"kind\": \"warning\"}]");
        // Messages that named the first job's directory name the second's.
        assertThat(restored.link().stderr()).isEqualTo(other.toAbsolutePath() + "/code.c:3: note");
        assertThat(Files.readAllBytes(other.resolve("submission.o"))).isEqualTo(Files.readAllBytes(job.resolve("submission.o")));
        assertThat(Files.readAllBytes(other.resolve("prog"))).isEqualTo(Files.readAllBytes(job.resolve("prog")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve("prog")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve("submission.o"))))
                .isEqualTo("rw-r--r--");

        // The job's copy is its own: changing it leaves the cache as it was.
        Files.write(other.resolve("prog"), new byte[] {1, 2, 3});
        Path third = Files.createDirectory(work.resolve("third"));
        cache.restore("k1", third).orElseThrow();
        assertThat(Files.readAllBytes(third.resolve("prog"))).isEqualTo(Files.readAllBytes(job.resolve("prog")));
    }

    @Test
    void cachedFilesAreReadOnlyInADirectoryOnlyTheServiceOpens() throws IOException {
        Path root = work.resolve("cache");
        BuildCache cache = new BuildCache(root, 1 << 20);
        cache.store("k1", new BuildRecord(result(0, ""), result(0, "")), job("one", 10), FILES);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("k1/submission.o"))))
                .isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("k1/prog"))))
                .isEqualTo("r-xr-xr-x");
    }

    @Test
    void aMissIsEmptyAndCopiesNothing() throws IOException {
        BuildCache cache = new BuildCache(work.resolve("cache"), 1 << 20);
        cache.store("k1", new BuildRecord(result(0, ""), null), job("one", 10), FILES);
        Path other = Files.createDirectory(work.resolve("other"));

        assertThat(cache.restore("k2", other)).isEmpty();
        try (var files = Files.list(other)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBuildThatALimitStoppedIsNotKept() throws IOException {
        BuildCache cache = new BuildCache(work.resolve("cache"), 1 << 20);
        ProcessResult killed = new ProcessResult(137, "", "", 30_000, LimitHit.WALL_CLOCK);
        cache.store("k1", new BuildRecord(killed, null), job("one", 10), FILES);
        cache.store("k2", new BuildRecord(result(0, ""), new ProcessResult(1, "", "", 1, LimitHit.MEMORY)), job("two", 10),
                FILES);

        assertThat(cache.keys()).isEmpty();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void pastItsBoundTheLeastRecentlyUsedEntryGoesFirst() throws IOException {
        Path root = work.resolve("cache");
        BuildCache probe = new BuildCache(work.resolve("probe"), 1 << 20);
        probe.store("kx", record(), job("x", 1000), FILES);
        long entry = probe.bytes();
        assertThat(entry).isGreaterThan(2000);

        BuildCache cache = new BuildCache(root, entry * 2 + entry / 2);
        cache.store("ka", record(), job("a", 1000), FILES);
        cache.store("kb", record(), job("b", 1000), FILES);
        cache.restore("ka", Files.createDirectory(work.resolve("use-a"))).orElseThrow();
        cache.store("kc", record(), job("c", 1000), FILES);

        assertThat(cache.keys()).containsExactly("ka", "kc");
        assertThat(cache.bytes()).isEqualTo(2 * entry);
        assertThat(root.resolve("kb")).doesNotExist();
        assertThat(root.resolve("ka")).isDirectory();

        // A new cache on the same directory finds both, in the order they were last used.
        BuildCache reopened = new BuildCache(root, entry * 2 + entry / 2);
        assertThat(reopened.keys()).containsExactlyInAnyOrder("ka", "kc");
        assertThat(reopened.bytes()).isEqualTo(2 * entry);
    }

    private Path job(String name, int size) throws IOException {
        Path job = Files.createDirectories(work.resolve("jobs").resolve(name));
        Files.write(job.resolve("submission.o"), new byte[size]);
        Files.write(job.resolve("prog"), new byte[size]);
        Files.setPosixFilePermissions(job.resolve("prog"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(job.resolve("code.c"), "int x;\n");
        return job;
    }

    private static BuildRecord record() {
        return new BuildRecord(result(0, "[]"), result(0, ""));
    }

    private static ProcessResult result(int exitCode, String stderr) {
        return new ProcessResult(exitCode, "", stderr, 5, LimitHit.NONE);
    }
}
