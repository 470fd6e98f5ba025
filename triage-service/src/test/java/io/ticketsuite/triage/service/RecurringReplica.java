package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.triage.config.TriageConfig;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another replica's recurring-issue detection in the test's JVM: its own {@link RecurringService} (its own in-process
 * index, its own clock) on the application's database, deciding in transactions of its own as a consumer would.
 */
final class RecurringReplica {
    final RecurringService service;

    RecurringReplica(
            TriageConfig config,
            ClassifierService classifier,
            OutboxWriter outbox,
            Clock clock,
            MeterRegistry registry,
            Pool pool) {
        this.service = new RecurringService(config, classifier, outbox, clock, registry, pool);
    }

    /** Observes the ticket in a transaction of its own (what the consumer does after triaging it). */
    RecurringService.Result observe(TicketCreated ticket) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> service.observe(ticket, "technical")));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    RecurringService.Purged purge(int batch) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> service.purge(batch));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static TicketCreated ticket(String subject, String description, Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new TicketCreated(
                id,
                TicketType.SUPPORT,
                Channel.WEB,
                subject,
                description,
                new Customer("c-" + id, "someone@example.com", CustomerTier.PROFESSIONAL, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                createdAt);
    }

    /** A clock that only moves when the test advances it. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        Instant advance(Duration duration) {
            return now.updateAndGet(i -> i.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
