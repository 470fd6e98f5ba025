package io.ticketsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** What the overlays promise beyond their schemas: replicas, autoscaling, security context, probes, wiring. */
class OverlayPolicyTest {

    static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(Path.of("..", service, "src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** The outbox relay's close (joins its batch 10 s, closes its producer 5 s) and the channels' Kafka clients. */
    static final long RELAY_AND_KAFKA_CLOSE_SECONDS = 25;
    /** The HTTP drain deploy/ assumes (README "Shutdown") while neither the kit nor the service sets one. */
    static final Duration ASSUMED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

    /** {@code quarkus.shutdown.timeout} of the service (its own, else the kit's default, else the assumed one). */
    static Duration shutdownTimeout(String service) throws IOException {
        Properties kit = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Path.of("../service-kit/src/main/resources/META-INF/microprofile-config.properties"))) {
            kit.load(reader);
        }
        String value = applicationProperties(service)
                .getProperty("quarkus.shutdown.timeout", kit.getProperty("quarkus.shutdown.timeout"));
        if (value == null) {
            return ASSUMED_SHUTDOWN_TIMEOUT;
        }
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.trim());
        if (!simple.matches()) {
            return Duration.parse(value.trim());
        }
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2) == null ? "s" : simple.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    @Test
    void devRunsOneSmallReplicaOfEverythingWithoutAutoscaling() {
        Rendered dev = Rendered.overlay("dev");
        for (String service : Rendered.SERVICES) {
            JsonNode deployment = dev.get("Deployment", service);
            assertThat(deployment.at("/spec/replicas").asInt()).as(service).isEqualTo(1);
            assertThat(deployment
                            .at("/spec/template/spec/containers/0/resources/requests/cpu")
                            .asString())
                    .isEqualTo("50m");
        }
        assertThat(dev.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(dev.ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(dev.ofKind("KafkaNodePool"))
                .allSatisfy(
                        pool -> assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(dev.get("Kafka", "ticket-suite")
                        .at("/spec/kafka/config/min.insync.replicas")
                        .asInt())
                .isEqualTo(1);
        assertThat(dev.ofKind("Cluster"))
                .allSatisfy(db -> assertThat(db.at("/spec/instances").asInt()).isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "prod-backup", "prod-keycloak"})
    void prodScalesEveryServiceOnCpuFromTwoReplicasAndKeepsOneUpThroughDisruptions(String overlay) {
        Rendered prod = Rendered.overlay(overlay);
        for (String service : Rendered.SERVICES) {
            assertThat(prod.get("Deployment", service).at("/spec/replicas").asInt())
                    .isGreaterThanOrEqualTo(2);
            JsonNode hpa = prod.get("HorizontalPodAutoscaler", service);
            assertThat(hpa.at("/spec/scaleTargetRef/name").asString()).isEqualTo(service);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.at("/spec/maxReplicas").asInt())
                    .isGreaterThan(hpa.at("/spec/minReplicas").asInt());
            assertThat(hpa.at("/spec/metrics/0/resource/name").asString()).isEqualTo("cpu");
            JsonNode pdb = prod.get("PodDisruptionBudget", service);
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                            .asString())
                    .isEqualTo(service);
        }
        assertThat(prod.ofKind("KafkaNodePool"))
                .allSatisfy(
                        pool -> assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3));
    }

    @Test
    void backupsArchiveEveryClusterThroughTheBarmanCloudPlugin() {
        Rendered backup = Rendered.overlay("prod-backup");
        assertThat(backup.find("ObjectStore", "ticket-suite-backups")).isPresent();
        assertThat(Rendered.overlay("prod").ofKind("ScheduledBackup")).isEmpty();
        for (String service : Rendered.SERVICES) {
            String db = service.replace("-service", "-db");
            JsonNode plugin = backup.get("Cluster", db).at("/spec/plugins/0");
            assertThat(plugin.path("name").asString()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(plugin.path("isWALArchiver").asBoolean()).isTrue();
            assertThat(plugin.at("/parameters/serverName").asString()).isEqualTo(db);
            assertThat(plugin.at("/parameters/barmanObjectName").asString()).isEqualTo("ticket-suite-backups");
            assertThat(backup.get("ScheduledBackup", db + "-daily")
                            .at("/spec/cluster/name")
                            .asString())
                    .isEqualTo(db);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-backup", "prod-keycloak"})
    void everyServiceRunsRestrictedOnItsOwnPortWithItsProbesImageAndNeighbours(String overlay) throws IOException {
        Rendered rendered = Rendered.overlay(overlay);
        for (String service : Rendered.SERVICES) {
            JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            String port = applicationProperties(service).getProperty("quarkus.http.port");

            assertThat(container.at("/ports/0/containerPort").asString())
                    .as(service)
                    .isEqualTo(port);
            // the images the parent pom's -Pimages profile writes: <image.group>/<artifactId>:<image.tag>
            assertThat(container.path("image").asString())
                    .isEqualTo(System.getProperty("deploy.image.group") + "/" + service + ":"
                            + System.getProperty("deploy.image.tag"));
            assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/q/health/live");

            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asString())
                    .isEqualTo("RuntimeDefault");
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                    .isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .isTrue();
            assertThat(container.at("/securityContext/capabilities/drop/0").asString())
                    .isEqualTo("ALL");
            assertThat(container.at("/volumeMounts/0/mountPath").asString()).isEqualTo("/tmp");
            assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
            int preStop = container.at("/lifecycle/preStop/sleep/seconds").asInt();
            assertThat(preStop).isPositive();
            // SIGKILL must not come before the pause, the HTTP drain, the relay's batch and the Kafka clients' close
            long drain = shutdownTimeout(service).toSeconds();
            assertThat(pod.at("/terminationGracePeriodSeconds").asLong())
                    .as(
                            "%s: grace period >= preStop %d s + quarkus.shutdown.timeout %d s + relay and Kafka %d s",
                            service, preStop, drain, RELAY_AND_KAFKA_CLOSE_SECONDS)
                    .isGreaterThanOrEqualTo(preStop + drain + RELAY_AND_KAFKA_CLOSE_SECONDS);
            assertThat(pod.path("serviceAccountName").asString()).isEqualTo(service);

            List<String> secrets = new ArrayList<>();
            for (JsonNode env : container.path("env")) {
                secrets.add(env.path("name").asString() + "<-"
                        + env.at("/valueFrom/secretKeyRef/name").asString() + "/"
                        + env.at("/valueFrom/secretKeyRef/key").asString());
            }
            String db = service.replace("-service", "-db");
            assertThat(secrets)
                    .contains(
                            "TS_PG_HOST<-" + db + "-app/host",
                            "TS_PG_PASSWORD<-" + db + "-app/password",
                            "KAFKA_SASL_JAAS_CONFIG<-" + service + "/sasl.jaas.config",
                            "KAFKA_SSL_TRUSTSTORE_CERTIFICATES<-ticket-suite-cluster-ca-cert/ca.crt");

            assertThat(rendered.find("ServiceAccount", service)).isPresent();
            assertThat(rendered.get("Service", service)
                            .at("/spec/selector/app.kubernetes.io~1name")
                            .asString())
                    .isEqualTo(service);
            assertThat(rendered.get("PodMonitor", service)
                            .at("/spec/podMetricsEndpoints/0/path")
                            .asString())
                    .isEqualTo("/q/metrics");
            JsonNode policy = rendered.get("NetworkPolicy", service);
            assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                            .asString())
                    .isEqualTo(service);
            assertThat(policy.at("/spec/ingress")).hasSize(2);
            assertThat(rendered.find("KafkaUser", service)).isPresent();
            assertThat(rendered.find("Cluster", db)).isPresent();
            assertThat(rendered.find("KafkaTopic", service + "-dlq")).isPresent();
        }
        JsonNode config = rendered.get("ConfigMap", "ticket-suite-config").path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asString()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.path("TS_OIDC_ISSUER").asString()).startsWith("http");
        JsonNode listener = rendered.get("Kafka", "ticket-suite").at("/spec/kafka/listeners/0");
        assertThat(listener.path("port").asInt()).isEqualTo(9093);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.at("/authentication/type").asString()).isEqualTo("scram-sha-512");
        assertThat(config.path("TS_KAFKA_BOOTSTRAP").asString()).isEqualTo("ticket-suite-kafka-bootstrap:9093");
    }
}
