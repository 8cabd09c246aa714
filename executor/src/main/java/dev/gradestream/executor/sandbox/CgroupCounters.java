package dev.gradestream.executor.sandbox;

/**
 * The kernel's view of one launch's cgroups.
 *
 * @param cpuNanos        CPU time used by all its processes together; -1 when unknown
 * @param peakMemoryBytes memory high-water mark; -1 when unknown
 * @param oomKills        processes the OOM killer killed in it
 * @param pidsLimitHits   forks refused because of the pids limit
 */
record CgroupCounters(long cpuNanos, long peakMemoryBytes, long oomKills, long pidsLimitHits) {

    static final CgroupCounters UNKNOWN = new CgroupCounters(-1, -1, 0, 0);
}
