package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Hands the job directory tree to the sandbox user before a launch: the engine (as root) writes sources
 * there between launches, and the sandboxed compiler must be able to write its output next to them.
 *
 * <p>Links are never followed and never changed: a previous launch may have planted a symlink to
 * /etc/shadow in the directory, and a following chown would give the file away. (Hard links to files
 * the sandbox user does not own are refused by the kernel with fs.protected_hardlinks=1.) This only runs
 * while no process of the job is alive, so nothing can swap a directory for a link meanwhile.
 */
final class JobDirectoryOwner {

    private JobDirectoryOwner() {
    }

    static void claim(Path jobDir, SandboxIdentity identity) throws IOException {
        if (SandboxIdentity.currentUid() != 0) {
            return; // the sandbox runs as ourselves: the directory is ours already
        }
        int owner = (Integer) Files.getAttribute(jobDir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != 0 && owner != identity.uid()) {
            // The engine made this directory, so root or the sandbox owns it; anything else is a wrong path.
            throw new IOException(jobDir + " belongs to uid " + owner + ", not to the service or the sandbox");
        }
        Files.walkFileTree(jobDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                own(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    own(file);
                }
                return FileVisitResult.CONTINUE;
            }

            private void own(Path path) throws IOException {
                if ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) != identity.uid()) {
                    Files.setAttribute(path, "unix:uid", identity.uid(), LinkOption.NOFOLLOW_LINKS);
                }
                if ((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != identity.gid()) {
                    Files.setAttribute(path, "unix:gid", identity.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        });
    }
}
