package io.ticketsuite.kit.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a record that can never be processed to this service's dead-letter topic ({@code <service>-dlq}) with the
 * headers SmallRye's dead-letter strategy writes ({@code dead-letter-reason}, {@code dead-letter-cause},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}), its key, value and
 * CloudEvents headers kept. The inbox consumes in batches, and a failed batch would put every record of it on the
 * dead-letter topic: the inbox dead-letters the one bad record itself, through this, and acknowledges the batch.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    /** Sends one record; completes when the broker acknowledged it. */
    @FunctionalInterface
    public interface Sender {
        Uni<Void> send(ProducerRecord<String, String> record);
    }

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final String service;
    private Producer<String, String> producer;
    private Sender sender;

    public DeadLetterPublisher(
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic")
                    Optional<String> topic,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafkaConfig = kafkaConfig;
        this.service = service;
        this.topic = topic.orElse(service + "-dlq");
    }

    /** A publisher that hands its records to {@code sender} (tests). */
    public static DeadLetterPublisher with(String topic, Sender sender) {
        DeadLetterPublisher publisher = new DeadLetterPublisher(Map.of(), Optional.of(topic), "test");
        publisher.sender = sender;
        return publisher;
    }

    public String topic() {
        return topic;
    }

    /** Puts {@code record} on the dead-letter topic with {@code reason} (and its cause, if any). */
    public Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                dead.headers().add(header.key(), header.value());
            }
        }
        add(dead, "dead-letter-reason", reason.getMessage() == null ? reason.toString() : reason.getMessage());
        if (reason.getCause() != null && reason.getCause() != reason) {
            Throwable cause = reason.getCause();
            add(dead, "dead-letter-cause", cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
        add(dead, "dead-letter-topic", record.topic());
        add(dead, "dead-letter-partition", Integer.toString(record.partition()));
        add(dead, "dead-letter-offset", Long.toString(record.offset()));
        return sender().send(dead);
    }

    private static void add(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Sender sender() {
        if (sender == null) {
            Properties props = KafkaClientConfig.producer(kafkaConfig);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters-out");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(props);
            Producer<String, String> kafka = producer;
            sender = record -> Uni.createFrom().emitter(emitter -> {
                try {
                    kafka.send(record, (metadata, failure) -> {
                        if (failure == null) {
                            emitter.complete(null);
                        } else {
                            emitter.fail(failure);
                        }
                    });
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        }
        return sender;
    }

    void onStop(@Observes ShutdownEvent event) {
        Producer<String, String> open;
        synchronized (this) {
            open = producer;
        }
        if (open != null) {
            open.close(java.time.Duration.ofSeconds(5));
        }
    }
}
