package dev.gradestream.executor.sandbox;

import java.nio.file.Path;
import java.util.List;

/** The cgroups of one launch: joined by the launcher before it execs, read while running, then removed. */
interface LaunchCgroup extends AutoCloseable {

    /** The cgroup.procs files the launcher writes its pid to. */
    List<Path> procsFiles();

    CgroupCounters counters();

    /** Kills every process in the cgroups, including ones that re-parented themselves away. Idempotent. */
    void killAll();

    /** Kills what is left, waits until the cgroups are empty, and removes them. Never throws. */
    @Override
    void close();
}
