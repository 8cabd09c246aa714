package dev.gradestream.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the kernel and the JVM's own tools say about a running JVM: CPU time from {@code /proc/<pid>/stat},
 * RSS and thread count from {@code /proc/<pid>/status}, live heap from {@code jstat -gc} after a full GC.
 */
public final class ProcessProbe {
    /** USER_HZ and the page size: 100 and 4 KiB on every Linux port that matters, if getconf cannot say. */
    private static final long TICKS_PER_SECOND = getconf("CLK_TCK", 100);
    private static final long PAGE_KB = getconf("PAGESIZE", 4096) / 1024;

    private final long pid;

    public ProcessProbe(long pid) {
        this.pid = pid;
    }

    /** A point-in-time reading of the process: CPU used so far (user + system, all threads), RSS, threads. */
    public record Snapshot(double cpuMs, long rssKb, int threads) {
    }

    public Snapshot snapshot() {
        return new Snapshot(cpuMs(), statusField("VmRSS:"), (int) statusField("Threads:"));
    }

    /** utime + stime of the process itself (not of the gcc, Valgrind… children it waited for). */
    public double cpuMs() {
        String[] fields = statFields(read("stat"));
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /**
     * cutime + cstime: the CPU of the children it has waited for, and of theirs (each launcher waits for the
     * sandbox, which waits for the tool), i.e. what its gcc, test and Valgrind runs used, once they ended.
     */
    public double childrenCpuMs() {
        String[] fields = statFields(read("stat"));
        long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    public long rssKb() {
        return statusField("VmRSS:");
    }

    /**
     * The RSS of every process below this one, summed (KiB): the jobs it runs at this instant (launchers,
     * bubblewrap, gcc, the tests, Valgrind). A process that ends during the scan is skipped.
     */
    public long descendantsRssKb() {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> rssPages = new HashMap<>();
        String ownCode = codeRange(statFields(read("stat")));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : all) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] fields = statFields(stat);
                    long child = Long.parseLong(dir.getFileName().toString());
                    children.computeIfAbsent(Long.parseLong(fields[1]), parent -> new ArrayList<>()).add(child);
                    // A child the JVM is spawning shares the JVM's memory (vfork) until it execs, so it
                    // shows the JVM's whole RSS: not a job's memory. Until then it also has the JVM's very
                    // text segment (same addresses, ASLR and all); any exec'd program has its own.
                    rssPages.put(child, codeRange(fields).equals(ownCode) ? 0L : Long.parseLong(fields[21]));
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        long pages = 0;
        Deque<Long> below = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
        while (!below.isEmpty()) {
            long next = below.pop();
            pages += rssPages.getOrDefault(next, 0L);
            below.addAll(children.getOrDefault(next, List.of()));
        }
        return pages * PAGE_KB;
    }

    /** startcode-endcode (fields 26 and 27): where the process's program text is mapped. */
    private static String codeRange(String[] fields) {
        return fields[23] + "-" + fields[24];
    }

    /** The fields of /proc/<pid>/stat after the command name (field 3, the state, is [0]). */
    private static String[] statFields(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Heap in use right after a full GC ({@code jcmd GC.run}), i.e. what is still reachable, in KiB. */
    public long liveHeapKbAfterGc() throws IOException, InterruptedException {
        tool("jcmd", Long.toString(pid), "GC.run");
        List<String> lines = tool("jstat", "-gc", Long.toString(pid)).lines().toList();
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double used = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            used += Double.parseDouble(values[names.indexOf(column)]);
        }
        return Math.round(used);
    }

    private long statusField(String name) {
        return read("status").lines().filter(line -> line.startsWith(name)).findFirst()
                .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new IllegalStateException("no " + name + " in /proc/" + pid + "/status"));
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/" + file + " (has the app exited?)", e);
        }
    }

    private static String tool(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static long getconf(String name, long fallback) {
        try {
            Process getconf = new ProcessBuilder("getconf", name).start();
            String value = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(value) : fallback;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return fallback;
        }
    }
}
