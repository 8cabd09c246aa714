package dev.gradestream.executor.sandbox;

/** Why the sandbox itself killed a launch's tree (the first reason wins). */
enum StopCause {
    WALL_CLOCK, CPU_TIME, OUTPUT, OOM_KILL, PIDS_LIMIT, DISK_FLOOR, LISTENER_FAILED, INTERRUPTED
}
