package dev.gradestream.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel and the JVM's own tools say about a running JVM: CPU time from {@code /proc/<pid>/stat},
 * RSS and thread count from {@code /proc/<pid>/status}, live heap from {@code jstat -gc} after a full GC.
 */
public final class ProcessProbe {
    private static final long TICKS_PER_SECOND = clockTicks();

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
        String stat = read("stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000.0 / TICKS_PER_SECOND;
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

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(ticks) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100; // USER_HZ on every Linux port that matters
        }
    }
}
