package dev.gradestream.executor.grading;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.regex.Pattern;

/** The per-job working directory under the work root: created fresh, deleted afterwards. */
final class JobDirectory {
    /** The attempt names the directory only when it is a harmless name: it comes from outside. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");

    private JobDirectory() {
    }

    static Path create(Path workRoot, String attempt) throws IOException {
        Files.createDirectories(workRoot);
        String name = attempt != null && SAFE_NAME.matcher(attempt).matches() ? attempt : UUID.randomUUID().toString();
        try {
            return Files.createDirectory(workRoot.resolve(name));
        } catch (FileAlreadyExistsException e) {
            // The same attempt graded twice (a redelivery) must not share, or delete, the first one's files.
            return Files.createDirectory(workRoot.resolve(name + "-" + UUID.randomUUID()));
        }
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
