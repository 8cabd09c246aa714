package dev.gradestream.bench;

import dev.gradestream.bench.report.LoadReport;
import dev.gradestream.bench.support.AppUnderTest;
import dev.gradestream.bench.support.ProcessProbe;
import dev.gradestream.bench.support.ResourceSampler;
import dev.gradestream.bench.support.SseEvent;

/**
 * The memory and start figures of one app process: ready time from launch, RSS and CPU after an idle
 * spell, then, around the loads run against it, the largest RSS of the JVM and of the jobs below it.
 */
final class AppPhase implements AutoCloseable {
    private final AppUnderTest app;
    private final ResourceSampler sampler;
    private final ResourceSampler.Usage idle;
    private final double idleRssMb;
    private long loadFrom;

    AppPhase(AppUnderTest app, int idleSeconds) throws InterruptedException {
        this.app = app;
        this.sampler = new ResourceSampler(new ProcessProbe(app.pid()), 100);
        long idleFrom = SseEvent.nowMicros();
        Thread.sleep(idleSeconds * 1000L);
        idle = sampler.between(idleFrom, SseEvent.nowMicros());
        idleRssMb = new ProcessProbe(app.pid()).rssKb() / 1024.0;
    }

    ResourceSampler sampler() {
        return sampler;
    }

    double idleRssMb() {
        return idleRssMb;
    }

    void loadsStart() {
        loadFrom = SseEvent.nowMicros();
    }

    LoadReport.AppFigures figures(String role, String sandbox, int slots) {
        ResourceSampler.Usage loaded = sampler.between(loadFrom, SseEvent.nowMicros());
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoadReport.AppFigures(role, sandbox, slots, app.readyMs(), idleRssMb,
                100 * idle.cpuMs() / (idle.seconds() * 1000 * cores), loaded.maxRssKb() / 1024.0,
                loaded.maxDescendantsRssKb() / 1024.0, new ProcessProbe(app.pid()).rssKb() / 1024.0);
    }

    @Override
    public void close() throws InterruptedException {
        sampler.close();
    }
}
