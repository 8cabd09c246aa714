package dev.gradestream.executor.grading;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.nio.file.LinkOption;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The per-job working directory under the work root: created fresh, deleted afterwards. Its name starts
 * with the service's pid and start time ("p1234.1780000000-<attempt>"), so that the directories of a
 * service that was killed mid-job (SIGKILL, the OOM killer) can be told from a live one's and removed by
 * the next service. The pid alone is not enough: a restarted container's service often gets the same pid.
 */
final class JobDirectory {
    private static final Logger LOG = Logger.getLogger(JobDirectory.class.getName());
    /** The attempt names the directory only when it is a harmless name: it comes from outside. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
    private static final Pattern JOB_NAME = Pattern.compile("p(\\d{1,10})\\.(\\d{1,12})-.+");
    private static final String OWNER = owner(ProcessHandle.current());

    private JobDirectory() {
    }

    static Path create(Path workRoot, String attempt) throws IOException {
        Files.createDirectories(workRoot);
        String name = nameFor(attempt != null && SAFE_NAME.matcher(attempt).matches() ? attempt : UUID.randomUUID().toString());
        try {
            return Files.createDirectory(workRoot.resolve(name));
        } catch (FileAlreadyExistsException e) {
            // The same attempt graded twice (a redelivery) must not share, or delete, the first one's files.
            return Files.createDirectory(workRoot.resolve(name + "-" + UUID.randomUUID()));
        }
    }

    /** "p" pid "." start time in epoch seconds: which process, even after its pid is reused. */
    static String owner(ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
        return "p" + process.pid() + "." + started;
    }

    /** The directory name of a job of this service. */
    static String nameFor(String attempt) {
        return OWNER + "-" + attempt;
    }

    /**
     * Removes the job directories left by services that are gone; several services may share the work
     * root, so those of a live one (and anything not named like a job) are left alone.
     *
     * @return how many were removed
     */
    static int sweepOrphans(Path workRoot) {
        if (!Files.isDirectory(workRoot)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> entries = Files.list(workRoot)) {
            for (Path entry : entries.filter(JobDirectory::orphaned).toList()) {
                try {
                    delete(entry);
                    removed++;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not remove the stale job directory " + entry, e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not list the work root " + workRoot + " for stale job directories", e);
        }
        if (removed > 0) {
            LOG.info("Removed " + removed + " job directories left by services that are gone");
        }
        return removed;
    }

    private static boolean orphaned(Path entry) {
        Matcher matcher = JOB_NAME.matcher(entry.getFileName().toString());
        return matcher.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                && !ProcessHandle.of(Long.parseLong(matcher.group(1)))
                        .map(process -> owner(process).equals("p" + matcher.group(1) + "." + matcher.group(2)))
                        .orElse(false);
    }

    /** Deletes the directory and everything in it, without following links a program may have made. */
    static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
