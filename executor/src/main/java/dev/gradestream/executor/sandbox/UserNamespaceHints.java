package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** When bwrap cannot create namespaces: which host setting is the likely reason, and how to allow it. */
final class UserNamespaceHints {

    private UserNamespaceHints() {
    }

    static String forThisHost() {
        if ("0".equals(read("/proc/sys/kernel/unprivileged_userns_clone"))) {
            return " (allow unprivileged user namespaces: sysctl -w kernel.unprivileged_userns_clone=1)";
        }
        if ("0".equals(read("/proc/sys/user/max_user_namespaces"))) {
            return " (allow user namespaces: sysctl -w user.max_user_namespaces=15000)";
        }
        if ("1".equals(read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"))) {
            return " (AppArmor restricts user namespaces: give bwrap a profile that allows userns, or"
                    + " sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)";
        }
        return " (in a container: its seccomp and AppArmor profiles must allow unshare, clone and mount;"
                + " in Kubernetes, hostUsers: false with procMount: Unmasked)";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
