package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Customer notices that wait for their ticket's ticket.created (the customer's address comes with it). */
@ApplicationScoped
public class ParkedNoticeRepository {
    private static final String PARK = "INSERT INTO parked_notice (source_event_id, ticket_id, kind)"
            + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
    private static final String FOR_TICKET = "SELECT CAST(source_event_id AS text), kind FROM parked_notice"
            + " WHERE ticket_id = ?1 ORDER BY parked_at, source_event_id";
    private static final String DELETE = "DELETE FROM parked_notice WHERE ticket_id = ?1";

    /** A parked notice: the event that caused it and what kind of message it will be. */
    public record Parked(UUID sourceEventId, NotificationKind kind) {}

    public Uni<Void> park(UUID sourceEventId, UUID ticketId, NotificationKind kind) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PARK)
                        .setParameter(1, sourceEventId)
                        .setParameter(2, ticketId)
                        .setParameter(3, kind.slug())
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<Parked>> forTicket(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(FOR_TICKET, Object[].class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Parked(
                                UUID.fromString((String) row[0]), NotificationKind.fromSlug((String) row[1])))
                        .toList());
    }

    public Uni<Integer> deleteForTicket(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(DELETE)
                        .setParameter(1, ticketId)
                        .executeUpdate());
    }
}
