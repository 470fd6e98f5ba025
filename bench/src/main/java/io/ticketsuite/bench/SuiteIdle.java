package io.ticketsuite.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An idle suite's latency (bench/idle.sh): posts one ticket at a time, a fixed interval apart, then reads the topics
 * and measures each ticket from the broker timestamp of its {@code ticket.created} record to those of its
 * {@code ticket.triaged} and {@code ticket.assigned} records — the pipeline alone, without the HTTP request or a
 * watcher's polling. Reads with a plain consumer (assigned partitions, no group, nothing committed).
 */
public final class SuiteIdle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS =
            List.of(Topics.TICKET_EVENTS, Topics.TRIAGE_EVENTS, Topics.ROUTING_EVENTS);

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String bootstrap = args[1];
        List<String[]> texts = SuiteSurge.texts(Path.of(args[2]));
        int count = Integer.parseInt(args[3]);
        long intervalMillis = Long.parseLong(args[4]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        long from = System.currentTimeMillis() - 1000;
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long started = System.currentTimeMillis();
            ObjectNode body = SuiteSurge.ticket(texts.get(n % texts.size()), "idle-" + run + "-" + n, "ENTERPRISE");
            Post.Answer answer = Post.json(url + "/api/v1/tickets", body.toString(), Tokens.channel());
            if (answer.status() != 201) {
                throw new IllegalStateException("refused: " + answer.status() + " " + answer.body());
            }
            ids.add(JSON.readTree(answer.body()).get("id").asText());
            Thread.sleep(Math.max(0, intervalMillis - (System.currentTimeMillis() - started)));
        }
        Thread.sleep(3000); // the last ticket's way through the suite

        Map<String, Map<String, Long>> at = read(bootstrap, from, ids);
        List<Long> triaged = new ArrayList<>();
        List<Long> assigned = new ArrayList<>();
        for (String id : ids) {
            Map<String, Long> times = at.getOrDefault(id, Map.of());
            Long created = times.get("ticket.created");
            if (created == null) {
                continue;
            }
            if (times.containsKey("ticket.triaged")) {
                triaged.add(times.get("ticket.triaged") - created);
            }
            if (times.containsKey("ticket.assigned")) {
                assigned.add(times.get("ticket.assigned") - created);
            }
        }
        System.out.printf(
                "idle: %d tickets, one every %d ms; from the broker timestamps of each ticket's records:%n",
                ids.size(), intervalMillis);
        print("created -> triaged ", triaged, ids.size());
        print("created -> assigned", assigned, ids.size());
    }

    /** Each ticket's first record of each type: its broker timestamp (ms). */
    private static Map<String, Map<String, Long>> read(String bootstrap, long from, List<String> ids) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Map<String, Long>> at = new HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (var e : consumer.offsetsForTimes(query).entrySet()) {
                OffsetAndTimestamp found = e.getValue();
                consumer.seek(e.getKey(), found == null ? end.get(e.getKey()) : found.offset());
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type == null || !wanted.contains(record.key())) {
                        continue;
                    }
                    at.computeIfAbsent(record.key(), k -> new HashMap<>())
                            .putIfAbsent(new String(type.value(), StandardCharsets.UTF_8), record.timestamp());
                }
            }
        }
        return at;
    }

    private static void print(String what, List<Long> millis, int tickets) {
        if (millis.isEmpty()) {
            System.out.printf("  %s: none of %d%n", what, tickets);
            return;
        }
        millis.sort(null);
        System.out.printf(
                "  %s: %d of %d, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                what,
                millis.size(),
                tickets,
                at(millis, 0.50),
                at(millis, 0.90),
                at(millis, 0.99),
                millis.get(millis.size() - 1));
    }

    private static long at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private SuiteIdle() {}
}
