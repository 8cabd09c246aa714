package dev.gradestream.executor.grading.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradestream.executor.grading.LimitHit;
import dev.gradestream.executor.grading.ProcessResult;
import dev.gradestream.protocol.json.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Build results by the hash of their inputs ({@link BuildKey}): both steps' exit status and messages and
 * the files they made, so that a hit reports exactly the warnings and errors the build reported and
 * launches nothing. Bounded by bytes on disk; the least recently used entries go first.
 *
 * <p>The files come from a build of untrusted code, so they are kept where no sandbox sees them (a
 * directory only the service can open, never bound into a sandbox), read-only, and every job gets its own
 * copy: a program can change the files in its job directory, never the cache's. Only builds that no limit
 * stopped are kept, and only right after the build, before any of the submission's code has run.
 */
public final class BuildCache {
    private static final Logger LOG = Logger.getLogger(BuildCache.class.getName());
    private static final String RECORD = "record.json";
    /** Messages name the job directory (ld prints the object's compile directory); it differs per job. */
    private static final String JOB_DIR = "\u0000job\u0000";

    private final Path root;
    private final long maxBytes;
    /** Key → bytes on disk, least recently used first. */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public BuildCache(Path root, long maxBytes) throws IOException {
        this.root = root;
        this.maxBytes = maxBytes;
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        load();
    }

    /** Copies a cached build's files into the job directory and returns its record; empty on a miss. */
    public synchronized Optional<BuildRecord> restore(String key, Path jobDir) {
        if (entries.get(key) == null) { // get(), not containsKey(): only get() counts as a use
            return Optional.empty();
        }
        Path entry = root.resolve(key);
        try {
            JsonNode record = Json.mapper().readTree(entry.resolve(RECORD).toFile());
            for (JsonNode file : record.get("files")) {
                Path cached = entry.resolve(file.asText());
                Path copy = jobDir.resolve(file.asText());
                Files.copy(cached, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(
                        Files.isExecutable(cached) ? "rwxr-xr-x" : "rw-r--r--"));
            }
            // The file time orders entries by last use across restarts.
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            String dir = jobDir.toAbsolutePath().toString();
            return Optional.of(new BuildRecord(step(record.get("compile"), dir), step(record.get("link"), dir)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "build cache entry " + key + " is unreadable; dropping it", e);
            remove(key);
            return Optional.empty();
        }
    }

    /**
     * Keeps a build: its record and those of {@code files} that it made in the job directory. A build some
     * limit stopped is not kept (another attempt may well finish), nor one bigger than the whole cache.
     */
    public synchronized void store(String key, BuildRecord build, Path jobDir, List<String> files) {
        if (!build.deterministic() || entries.containsKey(key)) {
            return;
        }
        Path staging = root.resolve("tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(staging);
            String dir = jobDir.toAbsolutePath().toString();
            ObjectNode record = Json.mapper().createObjectNode();
            var kept = record.putArray("files");
            for (String name : files) {
                Path made = jobDir.resolve(name);
                // A regular file the build wrote, never something a link points to.
                if (Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS)) {
                    Path copy = staging.resolve(name);
                    Files.copy(made, copy, LinkOption.NOFOLLOW_LINKS);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(
                            Files.isExecutable(made) ? "r-xr-xr-x" : "r--r--r--"));
                    kept.add(name);
                }
            }
            record.set("compile", json(build.compile(), dir));
            record.set("link", build.link() == null ? null : json(build.link(), dir));
            Files.write(staging.resolve(RECORD), Json.mapper().writeValueAsBytes(record));
            long size = sizeOf(staging);
            if (size > maxBytes) {
                delete(staging);
                return;
            }
            Files.move(staging, root.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            entries.put(key, size);
            bytes += size;
            evict();
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(staging); // another engine on this work root kept the same build
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep build " + key + " in the cache", e);
            deleteQuietly(staging);
        }
    }

    /** Bytes the entries take on disk. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The keys held, least recently used first. */
    public synchronized List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    private void evict() {
        Iterator<Map.Entry<String, Long>> oldest = entries.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            oldest.remove();
            bytes -= entry.getValue();
            deleteQuietly(root.resolve(entry.getKey()));
        }
    }

    private void remove(String key) {
        Long size = entries.remove(key);
        if (size != null) {
            bytes -= size;
        }
        deleteQuietly(root.resolve(key));
    }

    /** Entries left by an earlier run, oldest use first; half-written ones are removed. */
    private void load() throws IOException {
        List<Path> found;
        try (Stream<Path> list = Files.list(root)) {
            found = list.toList();
        }
        for (Path dir : found) {
            if (dir.getFileName().toString().startsWith("tmp-") || !Files.isRegularFile(dir.resolve(RECORD))) {
                deleteQuietly(dir);
            }
        }
        List<Path> kept = found.stream().filter(Files::isDirectory)
                .sorted(Comparator.comparing(BuildCache::modified)).toList();
        for (Path dir : kept) {
            long size = sizeOf(dir);
            entries.put(dir.getFileName().toString(), size);
            bytes += size;
        }
        evict();
    }

    private static JsonNode json(ProcessResult step, String jobDir) {
        return Json.mapper().createObjectNode().put("exitCode", step.exitCode())
                .put("stderr", step.stderr().replace(jobDir, JOB_DIR));
    }

    private static ProcessResult step(JsonNode json, String jobDir) {
        if (json == null || json.isNull()) {
            return null;
        }
        return new ProcessResult(json.get("exitCode").asInt(), "", json.get("stderr").asText().replace(JOB_DIR, jobDir),
                0, LimitHit.NONE);
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + dir, e);
        }
    }
}
