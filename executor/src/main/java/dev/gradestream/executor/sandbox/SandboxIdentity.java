package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The host uid/gid sandboxed commands run as (and appear as inside, named "sandbox"). It must not be
 * root: bwrap started by root with --unshare-user maps the sandbox user to the host's root. A uid of its
 * own (not nobody, which daemons use) makes "no process of the job survived" a simple check.
 */
public record SandboxIdentity(int uid, int gid) {
    /** The system user to use when it exists ({@code useradd --system gradestream-sandbox}). */
    public static final String USER_NAME = "gradestream-sandbox";
    /** Otherwise: a uid in Debian's 60000–64999 range with no passwd entry; files show it as a number. */
    public static final int FALLBACK_ID = 60999;

    public SandboxIdentity {
        if (uid <= 0 || gid <= 0) {
            throw new IllegalArgumentException("the sandbox must not run as root: " + uid + ":" + gid);
        }
    }

    /** As root: the dedicated user, or the fallback id. Not as root: ourselves (nothing else is possible). */
    public static SandboxIdentity resolve() {
        if (currentUid() != 0) {
            return new SandboxIdentity(currentUid(), attribute(Path.of("/proc/self"), "unix:gid"));
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals(USER_NAME)) {
                    return new SandboxIdentity(Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no readable entry: the fallback id serves as well
        }
        return new SandboxIdentity(FALLBACK_ID, FALLBACK_ID);
    }

    /** The effective uid of this JVM (the owner of /proc/self). */
    static int currentUid() {
        return attribute(Path.of("/proc/self"), "unix:uid");
    }

    private static int attribute(Path path, String name) {
        try {
            return (Integer) Files.getAttribute(path, name, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " of " + path, e);
        }
    }
}
