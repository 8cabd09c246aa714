package dev.gradestream.executor.config;

import dev.gradestream.executor.grading.GradingEngine;
import dev.gradestream.executor.grading.LocalProcessRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Wires the plain-Java grading engine into CDI with the configured toolchain. */
public class GradingEngineProducer {
    private static final Logger LOG = Logger.getLogger(GradingEngineProducer.class);

    @Produces
    @ApplicationScoped
    GradingEngine gradingEngine(ExecutorConfig config) {
        // The bubblewrap sandbox is the next step (issue #4); until then say so on every start.
        LOG.warn("Grading runs submitted code WITHOUT a sandbox: use only on a development machine.");
        return new GradingEngine(config.toGradingConfig(), new LocalProcessRunner());
    }
}
