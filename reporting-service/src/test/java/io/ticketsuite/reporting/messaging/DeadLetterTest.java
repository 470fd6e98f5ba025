package io.ticketsuite.reporting.messaging;

import static io.ticketsuite.reporting.TestEvents.publish;
import static io.ticketsuite.reporting.TestEvents.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A record that is not an event goes to reporting-service-dlq with its reason; the partition moves on. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class DeadLetterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldDeadLetterAPoisonRecordAndProcessTheNextOne() {
        UUID ticket = UUID.randomUUID();
        String key = ticket.toString();
        TopicProbe.publish(
                Topics.TICKET_EVENTS,
                key,
                "{\"ticket_id\": \"" + key + "\", \"type\": \"SUPPORT\"}",
                Map.of(
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, "ticket.created",
                        CloudEventHeaders.SOURCE, "test",
                        CloudEventHeaders.SPEC_VERSION, "1.0",
                        CloudEventHeaders.TIME, Instant.now().toString()));
        Instant day = Instant.parse("1980-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextInt(0, 7000), ChronoUnit.DAYS);
        publish(new TicketCreated(
                ticket,
                TicketType.SUPPORT,
                Channel.PHONE,
                "After the poison",
                null,
                new Customer("c-1", null, CustomerTier.FREE, null),
                List.of(),
                null,
                TicketStatus.NEW,
                day.plusSeconds(60)));

        try (TopicProbe dlq = TopicProbe.from(Topics.deadLetterTopic("reporting-service"))) {
            List<ConsumerRecord<String, String>> dead = dlq.await(r -> key.equals(r.key()), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason"))
                    .contains("ticket.created")
                    .contains("missing required field");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                summary(day, day.plus(Duration.ofDays(1))).getLong("tickets.total"))
                        .isEqualTo(1));
    }
}
