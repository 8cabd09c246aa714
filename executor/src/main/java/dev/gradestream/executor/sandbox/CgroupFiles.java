package dev.gradestream.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing cgroupfs files, which have their own small rules. */
final class CgroupFiles {
    private static final long EMPTY_WAIT_MS = 5_000;

    private CgroupFiles() {
    }

    /** cgroupfs wants one write() per value, without truncation or creation. */
    static void write(Path file, String value) throws IOException {
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    static long readLong(Path file) {
        try {
            return Long.parseLong(read(file));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The number after {@code key} in a "key value" per line file (memory.events, pids.events, ...). */
    static long keyed(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(0, space).equals(key)) {
                    return Long.parseLong(line.substring(space + 1).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // A counter this kernel lacks reads as "never happened".
        }
        return 0;
    }

    static List<Long> pids(Path procsFile) {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procsFile, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException gone) {
            return pids; // removed meanwhile: nobody is left in it
        }
        return pids;
    }

    static void killEach(Path procsFile) {
        for (long pid : pids(procsFile)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Waits until no process is left in the cgroup; a dying process stays listed for a moment. */
    static boolean awaitEmpty(Path procsFile, Runnable killer) {
        long deadline = System.nanoTime() + EMPTY_WAIT_MS * 1_000_000;
        int round = 0;
        while (!pids(procsFile).isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (++round % 50 == 0) {
                killer.run();
            }
            pause(round);
        }
        return true;
    }

    /** One rmdir: false while processes (or child cgroups) are still in it. */
    static boolean removeNow(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    /** rmdir, retried while the kernel still holds the cgroup for exiting processes. */
    static boolean remove(Path dir) {
        long deadline = System.nanoTime() + EMPTY_WAIT_MS * 1_000_000;
        for (int round = 1;; round++) {
            try {
                Files.deleteIfExists(dir);
                return true;
            } catch (DirectoryNotEmptyException e) {
                return false; // a child cgroup: not ours to remove
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                pause(round);
            }
        }
    }

    static void mkdirs(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    /**
     * Short sleeps first: the common case is a tree that is already gone. Cleanup must finish even for an
     * interrupted caller, so the interrupt is set aside for the sleep and restored afterwards.
     */
    private static void pause(int round) {
        boolean interrupted = Thread.interrupted();
        try {
            Thread.sleep(round < 10 ? 1 : 10);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
