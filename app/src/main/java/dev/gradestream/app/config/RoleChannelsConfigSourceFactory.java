package dev.gradestream.app.config;

import dev.gradestream.results.messaging.ResultsChannels;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the read path's consumers off with the roles that need them, so a role is one switch: the verdict
 * index ({@code verdicts-in}) and the regrade book's inputs ({@code regrades-in}, {@code regrade-queue-in})
 * run only with the read path ({@code gradestream.results.enabled}), the tail of {@code results}
 * ({@code results-in}) with the read or the write path ({@code POST /submit} waits on it).
 * A channel that is off has no consumer and joins no group. Supplied at the lowest ordinal, so an explicit
 * {@code mp.messaging.incoming.<channel>.enabled} wins.
 */
public final class RoleChannelsConfigSourceFactory implements ConfigSourceFactory {
    static final String SOURCE_NAME = "gradestream-role-channels";
    private static final int ORDINAL = 1;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean readPath = on(context.getValue("gradestream.results.enabled"));
        boolean writePath = on(context.getValue("gradestream.ingest.enabled"));
        Map<String, String> off = new HashMap<>();
        if (!readPath) {
            off.put(enabledKey(ResultsChannels.VERDICTS_IN), "false");
            off.put(enabledKey(ResultsChannels.REGRADES_IN), "false");
            off.put(enabledKey(ResultsChannels.REGRADE_QUEUE_IN), "false");
        }
        if (!readPath && !writePath) {
            off.put(enabledKey(ResultsChannels.RESULTS_IN), "false");
        }
        return List.of(new MapBackedConfigSource(SOURCE_NAME, off, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static String enabledKey(String channel) {
        return "mp.messaging.incoming." + channel + ".enabled";
    }

    private static boolean on(ConfigValue value) {
        return value == null || value.getValue() == null || !"false".equalsIgnoreCase(value.getValue().trim());
    }
}
