package dev.gradestream.app.containers;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Only in the {@code -Pcontainers} build (this source root is added by that profile): every {@code @QuarkusTest}
 * gets a Kafka container of its own, one per application start like the embedded broker, and the app uses
 * it instead of embedding one ({@code kafka.bootstrap.servers} set). Without a reachable Docker engine every
 * test fails, loudly: the profile never falls back to the embedded broker.
 */
@QuarkusTestResource(value = KafkaContainerResource.class, restrictToAnnotatedClass = false)
public class KafkaContainerResource implements QuarkusTestResourceLifecycleManager {
    /** The image; the profile sets it (apache/kafka at the embedded broker's version), and only the profile. */
    static final String IMAGE_PROPERTY = "containers.kafka-image";
    private static final Logger LOG = Logger.getLogger(KafkaContainerResource.class);

    private KafkaContainers.Started kafka;

    @Override
    public Map<String, String> start() {
        String image = System.getProperty(IMAGE_PROPERTY);
        if (image == null) {
            // Only a build without the profile gets here, through classes a -Pcontainers build left in target/.
            LOG.warnf("%s is left over from a -Pcontainers build (%s unset): the embedded broker is used;"
                    + " ./mvnw clean removes it", KafkaContainerResource.class.getName(), IMAGE_PROPERTY);
            return Map.of();
        }
        kafka = KafkaContainers.start(image);
        LOG.infof("Kafka container %s at %s", image, kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            try {
                kafka.container().close();
            } catch (Exception e) {
                throw new IllegalStateException("could not remove the Kafka container", e);
            }
            kafka = null;
        }
    }
}
