package dev.gradestream.app.kafka;

import dev.gradestream.app.config.AppConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Brings Kafka up before anything uses it: starts the embedded broker unless a cluster was configured,
 * then creates missing topics (unless {@code gradestream.topics.create=false}: an operator owns them). Messaging wires its channels at startup priority 1000, so this runs at
 * 0; the broker stops after the clients have closed, or it leaves stale group members behind that
 * stall the next start.
 */
@ApplicationScoped
public class KafkaLifecycle {
    private static final Logger LOG = Logger.getLogger(KafkaLifecycle.class);

    private final AppConfig config;
    private final SmallRyeConfig rawConfig;
    private EmbeddedKafkaBroker broker;

    KafkaLifecycle(AppConfig config, Config rawConfig) {
        this.config = config;
        this.rawConfig = rawConfig.unwrap(SmallRyeConfig.class);
    }

    void onStart(@Observes @Priority(0) StartupEvent event) {
        ConfigValue bootstrapValue = rawConfig.getConfigValue(EmbeddedBootstrapConfigSourceFactory.BOOTSTRAP);
        String bootstrap = bootstrapValue.getValue();
        if (EmbeddedBootstrapConfigSourceFactory.isEmbedded(bootstrapValue)) {
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            broker = new EmbeddedKafkaBroker(config.dataDir().resolve("kafka"), config.kafka().host(), port);
            broker.start();
        } else {
            LOG.infof("Using the Kafka cluster at %s (no embedded broker)", bootstrap);
        }
        TopicProvisioner topics = new TopicProvisioner(bootstrap, config.topics());
        if (config.topics().create()) {
            topics.createMissing();
        } else {
            topics.reportMissing();
        }
    }

    void onStop(@Observes @Priority(4000) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
