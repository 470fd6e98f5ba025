package io.ticketsuite.kit.deadletter;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.messaging.KafkaClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This service's dead letters: reads its dead-letter topic ({@code <service>-dlq}, where SmallRye's dead-letter
 * strategy puts a record with {@code dead-letter-reason}, {@code dead-letter-topic}, {@code dead-letter-partition}
 * and {@code dead-letter-offset} headers) and re-drives chosen records to the topic they came from, with their key,
 * value and CloudEvents headers. The consumers' inbox makes a replay safe: an event that was processed meanwhile is
 * skipped as a duplicate.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final String DLQ_HEADER_PREFIX = "dead-letter-";

    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final String service;
    private KafkaConsumer<String, String> consumer;
    private final Object producerLock = new Object();
    private KafkaProducer<String, String> producer;

    public DeadLetters(
            @Identifier(KafkaClientConfig.DEFAULT_BROKER) Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic")
                    Optional<String> topic,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafkaConfig = kafkaConfig;
        this.service = service;
        this.topic = topic.orElse(service + "-dlq");
    }

    /** A record on the dead-letter topic, as an operator needs to judge it. */
    public record DeadLetter(
            int partition,
            long offset,
            Instant deadLetteredAt,
            String key,
            String eventType,
            String eventId,
            String reason,
            String cause,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            String value) {}

    /** The result of re-driving one dead letter. */
    public record Replayed(int partition, long offset, String eventId, String toTopic) {}

    public String topic() {
        return topic;
    }

    /** Every dead letter, oldest first (per partition), at most {@code limit} after skipping {@code skip}. */
    public synchronized List<DeadLetter> list(int skip, int limit) {
        List<DeadLetter> all = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readAll()) {
            all.add(toDeadLetter(record));
        }
        return all.stream().skip(skip).limit(limit).toList();
    }

    /** Re-drives the records at the given positions ({@code partition -> offsets}); unknown positions are absent. */
    public synchronized List<Replayed> replay(Map<Integer, Set<Long>> positions, boolean all) throws Exception {
        List<Replayed> replayed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readAll()) {
            boolean chosen =
                    all || positions.getOrDefault(record.partition(), Set.of()).contains(record.offset());
            if (!chosen) {
                continue;
            }
            String original = header(record, "dead-letter-topic");
            if (original == null || original.isBlank()) {
                continue;
            }
            ProducerRecord<String, String> again = withoutDeadLetterHeaders(original, record);
            again.headers()
                    .add(
                            "ts-redriven-from",
                            (topic + "-" + record.partition() + "@" + record.offset())
                                    .getBytes(StandardCharsets.UTF_8));
            producer().send(again).get(30, TimeUnit.SECONDS);
            String eventId = header(record, "ce_id");
            LOG.infof(
                    "%s: dead letter %s-%d@%d (%s) re-driven to %s",
                    service, topic, record.partition(), record.offset(), eventId, original);
            replayed.add(new Replayed(record.partition(), record.offset(), eventId, original));
        }
        return replayed;
    }

    /**
     * Puts a record that can never be processed on this service's dead-letter topic, with the headers SmallRye's
     * dead-letter strategy writes ({@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition},
     * {@code -offset}) and its key, value and CloudEvents headers kept; completes when the broker acknowledged it.
     * The inbox consumes in batches and dead-letters the one record at fault through this (the connector's strategy
     * would dead-letter a failed batch whole).
     */
    public Uni<Void> deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        ProducerRecord<String, String> dead = withoutDeadLetterHeaders(topic, record);
        addHeader(dead, "dead-letter-reason", messageOf(reason));
        if (reason.getCause() != null && reason.getCause() != reason) {
            addHeader(dead, "dead-letter-cause", messageOf(reason.getCause()));
        }
        addHeader(dead, "dead-letter-topic", record.topic());
        addHeader(dead, "dead-letter-partition", Integer.toString(record.partition()));
        addHeader(dead, "dead-letter-offset", Long.toString(record.offset()));
        return send(dead);
    }

    /** Sends one record; completes when the broker acknowledged it (tests replace it). */
    protected Uni<Void> send(ProducerRecord<String, String> record) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                producer().send(record, (metadata, failure) -> {
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

    /** {@code record}'s key, value and headers (its dead-letter headers left out), addressed to {@code to}. */
    private static ProducerRecord<String, String> withoutDeadLetterHeaders(
            String to, ConsumerRecord<String, String> record) {
        ProducerRecord<String, String> copy = new ProducerRecord<>(to, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLQ_HEADER_PREFIX)) {
                copy.headers().add(header.key(), header.value());
            }
        }
        return copy;
    }

    private static void addHeader(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    private List<ConsumerRecord<String, String>> readAll() {
        KafkaConsumer<String, String> c = consumer();
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(10));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!reached(c, end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : c.poll(POLL)) {
                records.add(record);
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> record) {
        return new DeadLetter(
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                header(record, "ce_type"),
                header(record, "ce_id"),
                header(record, "dead-letter-reason"),
                header(record, "dead-letter-cause"),
                header(record, "dead-letter-topic"),
                number(header(record, "dead-letter-partition"))
                        .map(Long::intValue)
                        .orElse(null),
                number(header(record, "dead-letter-offset")).orElse(null),
                record.value());
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            // as the service's channels connect (security protocol, SASL, TLS)
            Properties props = KafkaClientConfig.consumer(kafkaConfig);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dead-letters-" + UUID.randomUUID());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(props);
        }
        return consumer;
    }

    /** Shared by re-drives and the inbox's dead-lettering (event-loop threads: not under the monitor of list/replay). */
    private KafkaProducer<String, String> producer() {
        synchronized (producerLock) {
            if (producer == null) {
                Properties props = KafkaClientConfig.producer(kafkaConfig);
                props.put(ProducerConfig.ACKS_CONFIG, "all");
                props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                // the inbox sends from an event loop: a missing broker fails the send soon (retried by the inbox)
                props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
                producer = new KafkaProducer<>(props);
            }
            return producer;
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
        synchronized (producerLock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    /** Positions as {@code partition -> offsets}. */
    public static Map<Integer, Set<Long>> positions(List<DeadLetterResource.Position> positions) {
        Map<Integer, Set<Long>> map = new LinkedHashMap<>();
        for (DeadLetterResource.Position p : positions) {
            map.computeIfAbsent(p.partition(), k -> new java.util.HashSet<>()).add(p.offset());
        }
        return map;
    }
}
