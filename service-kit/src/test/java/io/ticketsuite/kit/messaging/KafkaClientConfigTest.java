package io.ticketsuite.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The service's Kafka configuration as the kit's hand-built clients take it. */
class KafkaClientConfigTest {
    private static final Map<String, Object> SERVICE = new HashMap<>(Map.of(
            "bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type", "PEM",
            "acks", "1",
            "group.id", "intake-service",
            "health-enabled", "false"));

    @Test
    void shouldGiveAConsumerTheConnectionAndSecuritySettingsButNoProducerOnes() {
        Properties consumer = KafkaClientConfig.consumer(SERVICE);

        assertThat(consumer)
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("group.id", "intake-service")
                .doesNotContainKeys("acks", "health-enabled");
    }

    @Test
    void shouldGiveAProducerTheConnectionAndSecuritySettingsButNoConsumerOnes() {
        Properties producer = KafkaClientConfig.producer(SERVICE);

        assertThat(producer)
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("sasl.jaas.config", SERVICE.get("sasl.jaas.config"))
                .containsEntry("acks", "1")
                .doesNotContainKeys("group.id", "health-enabled");
    }

    @Test
    void shouldRefuseAConfigurationWithoutBootstrapServers() {
        assertThatThrownBy(() -> KafkaClientConfig.consumer(Map.of("security.protocol", "SSL")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }
}
