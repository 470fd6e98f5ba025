package io.ticketsuite.notification.messaging;

import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.email;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record that is not an event goes to notification-service-dlq with its reason; the partition moves on. */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class DeadLetterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void shouldDeadLetterAPoisonRecordAndProcessTheNextOne() {
        UUID ticket = UUID.randomUUID();
        String key = ticket.toString();
        TopicProbe.publish(
                Topics.TICKET_EVENTS,
                key,
                "{\"ticket_id\": \"" + key + "\", \"type\": \"SUPPORT\", \"subject\": ",
                Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, "ticket.created",
                        CloudEventHeaders.SOURCE, "test",
                        CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.TIME, Instant.now().toString()));
        String email = email();
        publish(created(ticket, TicketType.SUPPORT, email, "After the poison"));

        try (TopicProbe dlq = TopicProbe.from(Topics.deadLetterTopic("notification-service"))) {
            // every consumer group that decodes ticket.created dead-letters it on its own: the notification
            // consumer only (the CSAT consumer ignores ticket.created without decoding it, and so does the webhook
            // consumer while no subscription wants ticket.created)
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 1, WAIT);
            assertThat(dead).hasSize(1).allSatisfy(record -> {
                assertThat(TopicProbe.header(record, "dead-letter-reason"))
                        .contains("ticket.created")
                        .contains("malformed JSON");
                assertThat(TopicProbe.header(record, "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS);
            });
            assertThat(dlq.drain(r -> key.equals(r.key()), Duration.ofSeconds(2)))
                    .as("once, not retried into the dead letters again")
                    .hasSize(1);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox(email)).hasSize(1));
    }

    @Test
    void shouldDeadLetterARecordOfAnUnknownType() {
        String key = UUID.randomUUID().toString();
        TopicProbe.publish(
                Topics.SLA_EVENTS,
                key,
                "{}",
                Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, "sla.exploded",
                        CloudEventHeaders.TIME, Instant.now().toString()));

        try (TopicProbe dlq = TopicProbe.from(Topics.deadLetterTopic("notification-service"))) {
            // the notification consumer and the webhook consumer of sla-events each dead-letter it once
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 2, WAIT);
            assertThat(dead)
                    .hasSize(2)
                    .allSatisfy(record -> assertThat(TopicProbe.header(record, "dead-letter-reason"))
                            .contains("unknown event type"));
            assertThat(dlq.drain(r -> key.equals(r.key()), Duration.ofSeconds(2)))
                    .hasSize(2);
        }
    }
}
