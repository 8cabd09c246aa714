package dev.gradestream.app.kafka;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points every Kafka client at the embedded broker unless the operator named a cluster. It supplies
 * {@code kafka.bootstrap.servers} at the lowest ordinal, so any real setting (properties, env
 * {@code KAFKA_BOOTSTRAP_SERVERS}, -D) wins; {@link #isEmbedded} tells the two cases apart by which
 * source the value came from.
 */
public final class EmbeddedBootstrapConfigSourceFactory implements ConfigSourceFactory {
    static final String SOURCE_NAME = "gradestream-embedded-kafka";
    static final String BOOTSTRAP = "kafka.bootstrap.servers";
    private static final int ORDINAL = 1;

    /** Port 0 means "any free port": picked once per JVM so every lookup agrees. */
    private static volatile Integer pickedPort;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String host = valueOr(context.getValue("gradestream.kafka.host"), "localhost");
        int port = resolvePort(Integer.parseInt(valueOr(context.getValue("gradestream.kafka.port"), "9092")));
        return List.of(new MapBackedConfigSource(SOURCE_NAME,
                Map.of(BOOTSTRAP, host + ":" + port), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    public static boolean isEmbedded(ConfigValue bootstrapServers) {
        return bootstrapServers == null || bootstrapServers.getValue() == null
                || SOURCE_NAME.equals(bootstrapServers.getSourceName());
    }

    private static int resolvePort(int configured) {
        if (configured != 0) {
            return configured;
        }
        if (pickedPort == null) {
            synchronized (EmbeddedBootstrapConfigSourceFactory.class) {
                if (pickedPort == null) {
                    pickedPort = FreePorts.pick();
                }
            }
        }
        return pickedPort;
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }
}
