package io.ticketsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Each service's KafkaUser allows exactly what the service does, read from its application.properties: Read on the
 * topics its channels consume and on their consumer groups (SmallRye's default group is the application name), Write
 * on the one topic it owns (ARCHITECTURE.md) and Read/Write on its dead-letter topic. A channel added without its
 * ACL fails here, before it fails in the cluster.
 */
class KafkaUserAclTest {
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topics?");

    /** The one topic each service writes (ARCHITECTURE.md "Topics"); reporting publishes nothing. */
    static final Map<String, String> OWNS = Map.of(
            "intake-service", "ticket-events",
            "triage-service", "triage-events",
            "routing-service", "routing-events",
            "sla-service", "sla-events",
            "notification-service", "notification-events");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "intake-service",
                "triage-service",
                "routing-service",
                "sla-service",
                "notification-service",
                "reporting-service"
            })
    void theUserMayDoExactlyWhatTheServiceDoes(String service) throws Exception {
        Properties properties = OverlayPolicyTest.applicationProperties(service);
        String application = properties.getProperty("quarkus.application.name", service);
        Set<String> expected = new TreeSet<>();
        Set<String> deadLetterTopics = new TreeSet<>(Set.of(properties.getProperty(
                "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic", application + "-dlq")));
        for (String name : properties.stringPropertyNames()) {
            Matcher topic = CHANNEL_TOPIC.matcher(name);
            if (topic.matches()) {
                String channel = topic.group(1);
                // one topic (.topic) or a comma-separated list of them (.topics)
                for (String read : properties.getProperty(name).split(",")) {
                    expected.add("topic:" + read.trim() + ":Describe,Read");
                }
                String group = properties.getProperty("mp.messaging.incoming." + channel + ".group.id", application);
                expected.add("group:" + group + ":Describe,Read");
                String deadLetters =
                        properties.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic");
                if (deadLetters != null) {
                    deadLetterTopics.add(deadLetters);
                }
            }
        }
        if (OWNS.containsKey(service)) {
            expected.add("topic:" + OWNS.get(service) + ":Describe,Write");
        }
        // the failure strategy writes a dead-letter topic; the kit's dead-letter API reads it (assigned, no group)
        deadLetterTopics.forEach(topic -> expected.add("topic:" + topic + ":Describe,Read,Write"));

        JsonNode user = Rendered.overlay("prod").get("KafkaUser", service);
        Set<String> granted = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            assertThat(acl.at("/resource/patternType").asString()).isEqualTo("literal");
            assertThat(acl.path("type").asString("allow")).isEqualTo("allow");
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(op -> operations.add(op.asString()));
            granted.add(acl.at("/resource/type").asString() + ":"
                    + acl.at("/resource/name").asString() + ":" + String.join(",", operations));
        }

        assertThat(granted).as("ACLs of KafkaUser %s", service).isEqualTo(expected);
        assertThat(user.at("/spec/authentication/type").asString()).isEqualTo("scram-sha-512");
        for (String topic : expected.stream()
                .filter(e -> e.startsWith("topic:"))
                .map(e -> e.split(":")[1])
                .toList()) {
            assertThat(Rendered.overlay("prod").find("KafkaTopic", topic))
                    .as("KafkaTopic %s", topic)
                    .isPresent();
        }
    }
}
