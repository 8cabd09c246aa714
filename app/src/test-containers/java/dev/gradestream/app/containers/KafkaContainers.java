package dev.gradestream.app.containers;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** The only class that touches Testcontainers, so {@link KafkaContainerResource} loads without it. */
final class KafkaContainers {

    /** A started broker and how to reach it; closing it removes the container. */
    record Started(String bootstrapServers, AutoCloseable container) {
    }

    private KafkaContainers() {
    }

    static Started start(String image) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-Pcontainers runs the Kafka tests against a Kafka container, but no Docker"
                    + " engine is reachable (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + "). Start one, or podman's"
                    + " Docker API (docs/deploy.md, \"Testing against a Kafka container\"); without -Pcontainers the"
                    + " tests use the embedded broker.");
        }
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(image))
                // As the embedded broker: topics only as the app creates them.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        kafka.start();
        return new Started(kafka.getBootstrapServers(), kafka::stop);
    }
}
