package io.ticketsuite.kit.messaging;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The service's Kafka client configuration for a producer or consumer the kit builds by hand (outbox relay,
 * dead-letter API, SLA replay): every setting of {@code kafkaConfig} that such a client knows — bootstrap servers,
 * security protocol, SASL, TLS — so it connects wherever the service's channels connect. {@code kafkaConfig} is the
 * {@code kafka.*} properties without the prefix, as Quarkus provides them ({@code @Identifier("default-kafka-broker")
 * Map<String, Object>}); settings of other clients (a consumer's group, a channel's health check) are left out. The
 * caller then sets what its own guarantees need.
 */
public final class KafkaClientConfig {
    /** The CDI identifier of the service's Kafka client configuration map. */
    public static final String DEFAULT_BROKER = "default-kafka-broker";

    private KafkaClientConfig() {}

    public static Properties producer(Map<String, ?> kafkaConfig) {
        return only(kafkaConfig, ProducerConfig.configNames());
    }

    public static Properties consumer(Map<String, ?> kafkaConfig) {
        return only(kafkaConfig, ConsumerConfig.configNames());
    }

    private static Properties only(Map<String, ?> kafkaConfig, Set<String> known) {
        Properties props = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (value != null && known.contains(key)) {
                props.put(key, value);
            }
        });
        if (!props.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("the Kafka configuration has no bootstrap.servers");
        }
        return props;
    }
}
