package io.ticketsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The validation catches what it claims to: typos in fields and kinds or apiVersions no schema serves. */
class BrokenManifestTest {
    static SchemaCatalog catalog;

    @BeforeAll
    static void loadSchemas() throws Exception {
        catalog = SchemaCatalog.load();
    }

    static List<String> problemsOf(String file) throws Exception {
        List<JsonNode> documents = Yaml.documents(Files.readString(Path.of("src/test/resources/broken", file)));
        assertThat(documents).hasSize(1);
        return catalog.problems(documents.get(0));
    }

    @ParameterizedTest
    @CsvSource({
        "deployment-typo.yaml, imagePullPolicyy",
        "kafka-v1beta2.yaml, no schema serves apiVersion kafka.strimzi.io/v1beta2",
        "kafkauser-operation.yaml, operation",
        "kafka-listener-type.yaml, /spec/kafka/listeners/0/type does not have a value in the enumeration",
        "hpa-v2beta2.yaml, no schema serves apiVersion autoscaling/v2beta2",
        "cluster-typo.yaml, instance",
        "podmonitor-typo.yaml, podMetricEndpoints",
        "metadata-typo.yaml, label",
        "keycloak-typo.yaml, hostnme",
        "realmimport-typo.yaml, redirectUri",
        "keycloak-v2beta1.yaml, no schema serves apiVersion k8s.keycloak.org/v2beta1",
    })
    void aBrokenObjectFailsValidationNamingWhatIsWrong(String file, String named) throws Exception {
        List<String> problems = problemsOf(file);

        assertThat(problems)
                .as(file)
                .isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains(named));
    }

    @Test
    void theSameObjectSpeltRightIsValid() throws Exception {
        assertThat(problemsOf("deployment-valid.yaml")).isEmpty();
    }

    @Test
    void theCatalogServesTheKindsTheManifestsUse() {
        assertThat(catalog.kinds())
                .contains(
                        "apps/v1 Deployment",
                        "autoscaling/v2 HorizontalPodAutoscaler",
                        "policy/v1 PodDisruptionBudget",
                        "networking.k8s.io/v1 NetworkPolicy",
                        "kafka.strimzi.io/v1 Kafka",
                        "kafka.strimzi.io/v1 KafkaNodePool",
                        "kafka.strimzi.io/v1 KafkaTopic",
                        "kafka.strimzi.io/v1 KafkaUser",
                        "postgresql.cnpg.io/v1 Cluster",
                        "postgresql.cnpg.io/v1 ScheduledBackup",
                        "barmancloud.cnpg.io/v1 ObjectStore",
                        "monitoring.coreos.com/v1 PodMonitor",
                        "k8s.keycloak.org/v2alpha1 Keycloak",
                        "k8s.keycloak.org/v2alpha1 KeycloakRealmImport")
                .doesNotContain("kafka.strimzi.io/v1beta2 Kafka", "autoscaling/v2beta2 HorizontalPodAutoscaler");
    }
}
