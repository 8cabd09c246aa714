package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where this process's own cgroups are, per v1 controller and in the v2 hierarchy, read from
 * /proc/self/mountinfo and /proc/self/cgroup. Launch cgroups are created below our own cgroups (not at
 * the root) so that whatever limits the service itself lives under also bound its jobs.
 *
 * @param v1              controller name → our cgroup directory in that controller's hierarchy
 * @param v2              our cgroup directory in the cgroup2 hierarchy, or null when none is mounted
 * @param movesWaitForRcu a cgroup2 hierarchy is mounted without {@code favordynmods}: every move of a
 *                        process into a cgroup (a launch makes one per hierarchy) then waits for an RCU
 *                        grace period, ~10 ms, a third of a sandboxed launch. The flag is global, so one
 *                        cgroup2 mount with it is enough; with only v1 mounted there is no flag to set.
 */
record CgroupMounts(Map<String, Path> v1, Path v2, boolean movesWaitForRcu) {

    static CgroupMounts ofThisProcess() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            return new CgroupMounts(Map.of(), null, false);
        }
    }

    static CgroupMounts parse(List<String> mountinfo, List<String> membership) {
        Map<String, String> ownPaths = new HashMap<>();
        for (String line : membership) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                for (String controller : parts[1].split(",")) {
                    ownPaths.put(controller, parts[2]); // "" is the v2 hierarchy
                }
            }
        }
        Map<String, Path> v1 = new HashMap<>();
        Path v2 = null;
        boolean cgroup2 = false;
        boolean favorsDynamicMoves = false;
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] fields = halves[0].split(" ");
            String[] tail = halves[1].split(" ");
            if (fields.length < 5 || tail.length < 3) {
                continue;
            }
            String root = unescape(fields[3]);
            Path mountPoint = Path.of(unescape(fields[4]));
            if (tail[0].equals("cgroup2")) {
                cgroup2 = true;
                favorsDynamicMoves |= List.of(tail[2].split(",")).contains("favordynmods");
            }
            if (tail[0].equals("cgroup2") && ownPaths.containsKey("") && v2 == null) {
                v2 = below(mountPoint, root, ownPaths.get(""));
            } else if (tail[0].equals("cgroup")) {
                for (String option : tail[2].split(",")) {
                    if (ownPaths.containsKey(option) && !v1.containsKey(option)) {
                        v1.put(option, below(mountPoint, root, ownPaths.get(option)));
                    }
                }
            }
        }
        return new CgroupMounts(Map.copyOf(v1), v2, cgroup2 && !favorsDynamicMoves);
    }

    /** Our cgroup path is relative to the hierarchy's root; the mount may show only a subtree of it. */
    private static Path below(Path mountPoint, String mountRoot, String ownPath) {
        String relative = ownPath;
        if (!mountRoot.equals("/") && ownPath.startsWith(mountRoot)) {
            relative = ownPath.substring(mountRoot.length());
        }
        relative = relative.replaceFirst("^/+", "");
        return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
    }

    /** mountinfo escapes space, tab, newline and backslash as \ooo. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                try {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException ignored) {
                    // not an escape after all
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
