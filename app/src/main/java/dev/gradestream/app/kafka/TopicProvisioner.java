package dev.gradestream.app.kafka;

import dev.gradestream.app.config.AppConfig;
import dev.gradestream.protocol.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the topics of DESIGN §2 that are missing; existing topics are left exactly as they are. */
final class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final String bootstrapServers;
    private final AppConfig.Topics topics;

    TopicProvisioner(String bootstrapServers, AppConfig.Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    void createMissing() {
        try (Admin admin = admin()) {
            List<NewTopic> missing = missing(admin).stream().map(this::newTopic).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance was faster
                throw new IllegalStateException("Could not create topics on " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        }
    }

    /**
     * Where an operator owns the topics: creates nothing, and names the missing ones. Never fails the start: a
     * consumer of a missing topic gets its partitions once it exists, and the read path stays unready till then.
     */
    void reportMissing() {
        try (Admin admin = admin()) {
            List<String> missing = missing(admin);
            if (missing.isEmpty()) {
                LOG.infof("Topic creation is off (gradestream.topics.create=false); all %d topics exist", Topics.ALL.size());
            } else {
                LOG.warnf("Topic creation is off (gradestream.topics.create=false) and %s do not exist on %s: create"
                        + " them (deploy/kafka has a KafkaTopic for each)", missing, bootstrapServers);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Topic creation is off (gradestream.topics.create=false); could not list the topics on %s: %s",
                    bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private static List<String> missing(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        return Topics.ALL.stream().filter(name -> !existing.contains(name)).toList();
    }

    private NewTopic newTopic(String name) {
        // Empty replication factor: the cluster's default (1 on the embedded broker, 3 on a real one).
        NewTopic topic = new NewTopic(name, Optional.of(topics.partitions()), Optional.empty());
        Map<String, String> settings = topics.config().get(name);
        return settings == null ? topic : topic.configs(settings);
    }
}
