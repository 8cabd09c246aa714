package dev.gradestream.executor.sandbox;

import static dev.gradestream.executor.sandbox.SandboxTestSupport.compile;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.run;
import static dev.gradestream.executor.sandbox.SandboxTestSupport.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hostile programs against each limit: the exact verdict, from the kernel's counters, and a clean host. */
class SandboxLimitsTest extends HostileSandboxTest {
    private static final long MIB = SandboxLimits.MIB;


    @Test
    void forkBombHitsThePidsLimit() throws Exception {
        compile(job, "forkbomb", "#include <unistd.h>\nint main(void) { for (;;) fork(); }\n");
        SandboxResult result = run(spec(job, "./forkbomb").wallClock(Duration.ofSeconds(20)));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.PIDS_LIMIT);
        assertThat(result.signal()).isEqualTo(9);
        assertThat(result.wallMs()).isLessThan(10_000);
    }

    @Test
    void mallocBombTouchingItsPagesHitsTheMemoryLimit() throws Exception {
        compile(job, "mallocbomb", """
                #include <stdlib.h>
                #include <string.h>
                int main(void) {
                    for (;;) {
                        char *p = malloc(1 << 20);
                        if (p == NULL) return 3;
                        memset(p, 1, 1 << 20);
                    }
                }
                """);
        SandboxResult result = run(spec(job, "./mallocbomb").limits(SandboxLimits.defaults().withMemoryBytes(64 * MIB)));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.MEMORY_LIMIT);
        assertThat(result.signal()).isEqualTo(9);
        assertThat(result.peakMemoryBytes()).isBetween(48 * MIB, 64 * MIB);
    }

    @Test
    void fourSpinningChildrenHitTheTotalCpuLimitLongBeforeAnyOneOfThemWould() throws Exception {
        compile(job, "spinners", """
                #include <sys/wait.h>
                #include <unistd.h>
                int main(void) {
                    for (int i = 0; i < 4; i++) {
                        if (fork() == 0) for (;;) { }
                    }
                    while (wait(NULL) > 0) { }
                    return 0;
                }
                """);
        SandboxResult result = run(spec(job, "./spinners").wallClock(Duration.ofSeconds(20))
                .limits(SandboxLimits.defaults().withCpuTime(Duration.ofSeconds(1))));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.CPU_LIMIT);
        assertThat(result.cpuMs()).isBetween(1_000L, 1_500L);
        // Each child got a quarter of it: RLIMIT_CPU (per process) alone would not have fired for seconds.
        assertThat(result.wallMs()).isLessThan(5_000);
    }

    @Test
    void sleepingPastTheWallClockIsAWallTimeout() throws Exception {
        SandboxResult result = run(spec(job, "sleep", "30").wallClock(Duration.ofMillis(700)));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.WALL_TIMEOUT);
        assertThat(result.wallMs()).isBetween(700L, 3_000L);
        assertThat(result.cpuMs()).isLessThan(200);
    }

    @Test
    void floodingStdoutStopsAtTheCap() throws Exception {
        SandboxResult result = run(spec(job, "yes", "flood").outputCapBytes(64 * 1024));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.OUTPUT_LIMIT);
        assertThat(result.stdout()).hasSize(64 * 1024).startsWith("flood\nflood\n");
        assertThat(result.wallMs()).isLessThan(3_000);
    }

    @Test
    void floodingStderrStopsAtTheCapToo() throws Exception {
        SandboxResult result = run(spec(job, "sh", "-c", "yes err >&2").outputCapBytes(10_000));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.OUTPUT_LIMIT);
        assertThat(result.stderr()).hasSize(10_000);
    }

    @Test
    void aFileFloodInTheJobDirectoryStopsAtTheFileSizeLimit() throws Exception {
        compile(job, "fileflood", """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    static char chunk[1 << 16];
                    memset(chunk, 'x', sizeof chunk);
                    FILE *f = fopen("big.bin", "w");
                    for (;;) fwrite(chunk, 1, sizeof chunk, f);
                }
                """);
        SandboxResult result = run(spec(job, "./fileflood")
                .limits(SandboxLimits.defaults().withFileSizeBytes(4 * MIB)));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.FILE_SIZE_LIMIT);
        assertThat(result.signal()).isEqualTo(25); // SIGXFSZ
        assertThat(Files.size(job.resolve("big.bin"))).isEqualTo(4 * MIB);
    }

    @Test
    void manyFilesUnderTheSizeLimitStopAtTheDiskFloor() throws Exception {
        long usable = job.toFile().getUsableSpace();
        // A floor 128 MiB below what is free now stands in for "the disk is nearly full".
        Sandbox guarded = Sandbox.create(SandboxConfig.defaults().withMinFreeDiskBytes(usable - 128 * MIB));
        compile(job, "diskflood", """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    static char chunk[1 << 20];
                    memset(chunk, 'x', sizeof chunk);
                    for (int i = 0; i < 200; i++) {
                        char name[32];
                        snprintf(name, sizeof name, "part%03d", i);
                        FILE *f = fopen(name, "w");
                        for (int mib = 0; mib < 15; mib++) fwrite(chunk, 1, sizeof chunk, f);
                        fclose(f);
                    }
                    return 0;
                }
                """);
        SandboxResult result = guarded.run(spec(job, "./diskflood").wallClock(Duration.ofSeconds(60)).build());
        System.out.println(result.launchId() + " [./diskflood]: " + result.summary());
        SandboxTestSupport.assertHostUnharmed(result);
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.FILE_SIZE_LIMIT);
        assertThat(result.message()).contains("space");
        long written;
        try (var files = Files.list(job)) {
            written = files.filter(f -> f.getFileName().toString().startsWith("part")).mapToLong(f -> f.toFile().length())
                    .sum();
        }
        // Roughly the 128 MiB, give or take what other programs on the machine wrote or freed meanwhile.
        assertThat(written).isBetween(64 * MIB, 1024 * MIB);
    }

    @Test
    void manySmallFilesFillTheTmpfsAndTheProgramCarriesOn() throws Exception {
        compile(job, "tmpflood", """
                #define _GNU_SOURCE
                #include <errno.h>
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    static char block[4096];
                    for (int i = 0;; i++) {
                        char name[64];
                        snprintf(name, sizeof name, "/tmp/f%d", i);
                        FILE *f = fopen(name, "w");
                        if (f == NULL) { printf("open %d %s\\n", i, strerrorname_np(errno)); return 0; }
                        size_t n = fwrite(block, 1, sizeof block, f);
                        if (fclose(f) != 0 || n != sizeof block) {
                            printf("write %d %s\\n", i, strerrorname_np(errno));
                            return 0;
                        }
                    }
                }
                """);
        SandboxResult result = run(spec(job, "./tmpflood").limits(SandboxLimits.defaults().withTmpBytes(MIB)));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("ENOSPC");
    }

    @Test
    void exitingWith137IsNotAnOutOfMemoryKill() throws Exception {
        compile(job, "fake137", "#include <stdlib.h>\nint main(void) { exit(137); }\n");
        SandboxResult result = run(spec(job, "./fake137"));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.exitCode()).isEqualTo(137);
        assertThat(result.signal()).isZero();
    }

    @Test
    void aSignalFromTheProgramItselfIsReportedAsSuch() throws Exception {
        compile(job, "segv", "int main(void) { return *(volatile int *) 0; }\n");
        SandboxResult result = run(spec(job, "./segv"));
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.OK);
        assertThat(result.signal()).isEqualTo(11);
        assertThat(result.exitCode()).isEqualTo(139);
    }

    @Test
    void gccIncludingDevZeroIsBoundedAndReported() throws Exception {
        Files.writeString(job.resolve("zero.c"), "#include \"/dev/zero\"\nint main(void) { return 0; }\n");
        SandboxResult result = run(spec(job, "gcc", "-c", "zero.c").wallClock(Duration.ofSeconds(20))
                .outputCapBytes(64 * 1024));
        // cc1 keeps the endless line in memory: the memory cgroup stops it long before the wall clock.
        assertThat(result.verdict()).as(result.summary()).isEqualTo(SandboxVerdict.MEMORY_LIMIT);
        assertThat(result.wallMs()).isLessThan(20_000);
    }
}
