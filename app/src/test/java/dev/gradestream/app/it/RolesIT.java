package dev.gradestream.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradestream.app.kafka.EmbeddedKafkaBroker;
import dev.gradestream.protocol.Ids;
import dev.gradestream.protocol.Topics;
import dev.gradestream.protocol.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one packaged app run as the three Kubernetes Deployments run it, each with its role switches, on a
 * broker whose topics someone else made (as Strimzi's KafkaTopics do): each instance answers exactly its own
 * endpoints, joins exactly its own consumer groups, creates no topic, and together they grade.
 */
class RolesIT {
    private static final String SUBMISSION = "{\"code\": \"int add(int a, int b) { return a + b; }\", "
            + "\"tests\": \"assert(add(1, 2) == 3);\\nassert(add(2, 2) == 5);\", \"valgrind\": false}";
    private static final String NOT_SERVED = "\"title\":\"Not served here\"";
    /** Every topic but the dead letters', which nothing in this test writes: it shows whether anyone creates topics. */
    private static final List<String> MADE_BEFORE = Topics.ALL.stream()
            .filter(topic -> !topic.equals(Topics.SUBMISSIONS_DLQ)).toList();

    @TempDir
    Path brokerDir;
    @TempDir
    Path ingestData;
    @TempDir
    Path executorData;
    @TempDir
    Path resultsData;

    @Test
    void eachRoleServesItsPartJoinsItsGroupsAndTogetherTheyGrade() throws Exception {
        Path log = Files.createTempFile("gradestream-roles-", ".log");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(brokerDir, "localhost", AppProcess.freePort());
                Admin admin = startWithTopics(broker)) {
            List<String> cluster = List.of("-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                    "-Dgradestream.topics.create=false");
            try (AppProcess executor = start(executorData, log, cluster, "ingest", "results");
                    AppProcess ingest = start(ingestData, log, cluster, "executor", "results");
                    AppProcess results = start(resultsData, log, cluster, "executor", "ingest")) {
                for (AppProcess instance : List.of(executor, ingest, results)) {
                    instance.awaitReady(Duration.ofSeconds(120));
                }
                String unknown = Ids.newSubmissionId();

                // The write path only on ingest, the read path only on results; the executor serves neither.
                assertNotServed(executor.postJson("/submit", SUBMISSION), "ingest");
                assertNotServed(executor.postJson("/submissions", SUBMISSION), "ingest");
                assertNotServed(executor.get("/submissions/" + unknown), "results");
                assertNotServed(executor.get("/submissions/" + unknown + "/events"), "results");
                assertNotServed(ingest.get("/submissions/" + unknown), "results");
                assertNotServed(ingest.get("/submissions/" + unknown + "/events"), "results");
                assertNotServed(results.postJson("/submit", SUBMISSION), "ingest");
                assertNotServed(results.postJson("/submissions", SUBMISSION), "ingest");
                assertThat(results.get("/submissions/" + unknown).statusCode()).isEqualTo(404);
                assertThat(results.get("/submissions/" + unknown).body()).doesNotContain(NOT_SERVED);

                // Readiness says what each runs: the sandbox only where it grades, the parts of the read path.
                assertThat(readiness(executor)).isEqualTo(List.of("bwrap", "true", "off", "off"));
                assertThat(readiness(ingest)).isEqualTo(List.of("off", "false", "off", "true"));
                assertThat(readiness(results)).isEqualTo(List.of("off", "false", "true", "true"));

                // Consumers: the executor's group (the executor alone), a results tail per ingest and results
                // instance, one verdict index (results). Each tail and index has a group of its own.
                // Regrades are the read path's: results alone reads their requests and queue, and selects.
                Map<String, List<Integer>> expected = Map.of("gradestream-executor", List.of(1),
                        "gradestream-results-", List.of(1, 1), "gradestream-verdicts-", List.of(1),
                        "gradestream-regrades-", List.of(1), "gradestream-regrade-queue-", List.of(1),
                        "gradestream-regrade-selector", List.of(1));
                assertThat(awaitGroups(admin, expected)).isEqualTo(expected);

                // Together: ingest takes it, the executor grades it, results serves it; /submit on ingest waits
                // for its verdict through its own tail.
                HttpResponse<String> accepted = ingest.postJson("/submissions", SUBMISSION);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                String id = Json.mapper().readTree(accepted.body()).path("id").asText();
                JsonNode verdict = awaitVerdict(results, id);
                assertThat(verdict.path("status").asText()).isEqualTo("failed");
                assertThat(verdict.path("failed_tests").toString()).isEqualTo("[2]");
                HttpResponse<String> waited = ingest.postJson("/submit", SUBMISSION);
                assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
                assertThat(Json.mapper().readTree(waited.body()).path("failed_tests").toString()).isEqualTo("[2]");

                // gradestream.topics.create=false everywhere: the topics are exactly those made before, the
                // dead-letter topic still missing (each instance named it in its log instead).
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .containsExactlyInAnyOrderElementsOf(MADE_BEFORE);
                assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains("Topic creation is off"))
                        .hasSize(3).allMatch(line -> line.contains("[" + Topics.SUBMISSIONS_DLQ + "] do not exist"));
            }
        } finally {
            System.out.println("RolesIT log: " + log);
        }
    }

    /** The broker, with the topics made up front (three partitions each), and an admin client on it. */
    private static Admin startWithTopics(EmbeddedKafkaBroker broker) throws Exception {
        broker.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        List<NewTopic> topics = MADE_BEFORE.stream().map(name -> new NewTopic(name, 3, (short) 1)).toList();
        admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        return admin;
    }

    /** The packaged app with the given roles switched off. */
    private static AppProcess start(Path data, Path log, List<String> cluster, String... off) throws Exception {
        List<String> properties = new ArrayList<>(cluster);
        properties.add("-Dquarkus.log.console.json.enabled=false");
        for (String role : off) {
            properties.add("-Dgradestream." + role + ".enabled=false");
        }
        return AppProcess.start(data, AppProcess.freePort(), AppProcess.freePort(), log, properties);
    }

    private static void assertNotServed(HttpResponse<String> response, String service) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains(NOT_SERVED)
                .contains("(gradestream." + service + ".enabled=false). Send this request to the " + service + " service.");
    }

    /** isolation, grading intake enabled, verdicts indexed, results tailed. */
    private static List<String> readiness(AppProcess instance) throws Exception {
        HttpResponse<String> ready = instance.get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, JsonNode> checks = new TreeMap<>();
        Json.mapper().readTree(ready.body()).path("checks").forEach(check -> checks.put(check.path("name").asText(), check.path("data")));
        return List.of(checks.get("sandbox").path("isolation").asText(), checks.get("grading intake").path("enabled").asText(),
                checks.get("read path").path("verdicts indexed").asText(), checks.get("read path").path("results tailed").asText());
    }

    /** Member counts of the groups with members, by name (or name prefix, for the per-instance groups). */
    private static Map<String, List<Integer>> awaitGroups(Admin admin, Map<String, List<Integer>> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, List<Integer>> seen;
        do {
            seen = groups(admin);
            if (seen.equals(expected)) {
                return seen;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return seen;
    }

    private static Map<String, List<Integer>> groups(Admin admin) throws Exception {
        List<String> ids = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(listing -> listing.groupId()).toList();
        Map<String, List<Integer>> byPrefix = new TreeMap<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(ids).all().get(30, TimeUnit.SECONDS).values()) {
            if (group.members().isEmpty()) {
                continue;
            }
            String name = group.groupId();
            String key = Set.of("gradestream-results-", "gradestream-verdicts-", "gradestream-regrades-",
                    "gradestream-regrade-queue-").stream().filter(name::startsWith)
                    .findFirst().orElse(name);
            byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(group.members().size());
        }
        return byPrefix;
    }

    private static JsonNode awaitVerdict(AppProcess results, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Optional<HttpResponse<String>> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = results.get("/submissions/" + id);
            if (response.statusCode() == 200) {
                return Json.mapper().readTree(response.body());
            }
            last = Optional.of(response);
            Thread.sleep(200);
        }
        throw new AssertionError("no verdict for " + id + " within 60 s; last answer " + last.map(r -> r.statusCode() + " " + r.body()));
    }
}
