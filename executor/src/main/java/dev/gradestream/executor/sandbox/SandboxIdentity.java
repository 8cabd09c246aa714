package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            return new SandboxIdentity(currentUid(), Self.GID);
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

    /**
     * The effective uid of this JVM. Not the owner of /proc/self: that is a symlink, always owned by the
     * host's root (0 on a host, the overflow uid 65534 inside a user namespace), whoever runs.
     */
    static int currentUid() {
        return Self.UID;
    }

    /** Read once: a process's effective ids do not change under the service. */
    private static final class Self {
        private static final List<String> STATUS = readStatus();
        static final int UID = effectiveId(STATUS, "Uid:");
        static final int GID = effectiveId(STATUS, "Gid:");
    }

    /** From /proc/[pid]/status: the line's second field ("Uid:  real  effective  saved  filesystem"). */
    static int effectiveId(List<String> status, String field) {
        return status.stream().filter(line -> line.startsWith(field)).findFirst()
                .map(line -> line.substring(field.length()).trim().split("\\s+"))
                .filter(ids -> ids.length > 1).map(ids -> Integer.parseInt(ids[1]))
                .orElseThrow(() -> new IllegalStateException("/proc/self/status has no " + field + " line"));
    }

    private static List<String> readStatus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
    }
}
