package io.ticketsuite.triage.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.triage.rest.dto.CorrectionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Corrections of triage decisions by people ({@code triage_correction}), in the caller's session. */
@ApplicationScoped
public class CorrectionRepository {
    private static final String COLUMNS = "correction_id, ticket_id, previous_category, category, previous_priority,"
            + " priority, reason, corrected_by, corrected_at";

    /** The category and priority in force, read with the decision row locked (null: no decision). */
    public record InForce(String category, String priority) {}

    /** A labelled row for the corrections export: the ticket's text and the last correction's labels. */
    public record Labelled(UUID ticketId, String subject, String description, String category, String priority) {}

    /**
     * Locks the ticket's decision row (concurrent corrections of one ticket queue up) and reads what is in force:
     * the last correction's category and priority, or the classifier's.
     */
    public Uni<InForce> lockInForce(UUID ticketId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT d.category, d.priority, c.category, c.priority FROM triage_decision d"
                                        + " LEFT JOIN LATERAL (SELECT category, priority FROM triage_correction"
                                        + " WHERE ticket_id = d.ticket_id ORDER BY seq DESC LIMIT 1) c ON true"
                                        + " WHERE d.ticket_id = ?1 FOR UPDATE OF d",
                                Object[].class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return r[2] == null
                            ? new InForce((String) r[0], (String) r[1])
                            : new InForce((String) r[2], (String) r[3]);
                });
    }

    public Uni<Void> insert(CorrectionResponse c) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("INSERT INTO triage_correction (" + COLUMNS
                                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                        .setParameter(1, c.correctionId())
                        .setParameter(2, c.ticketId())
                        .setParameter(3, c.previousCategory())
                        .setParameter(4, c.category())
                        .setParameter(5, c.previousPriority())
                        .setParameter(6, c.priority())
                        .setParameter(7, c.reason())
                        .setParameter(8, c.correctedBy())
                        .setParameter(9, Rows.utc(c.correctedAt()))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The corrections of a ticket, oldest first. */
    public Uni<List<CorrectionResponse>> byTicket(UUID ticketId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT " + COLUMNS + " FROM triage_correction WHERE ticket_id = ?1 ORDER BY seq",
                                Object[].class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map(rows -> rows.stream().map(CorrectionRepository::correction).toList());
    }

    /**
     * One row per corrected ticket (its text and the labels of its last correction), ordered by the last
     * correction, from {@code offset}.
     */
    public Uni<List<Labelled>> labelled(int offset, int limit) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "SELECT d.ticket_id, d.subject, d.description, c.category, c.priority FROM"
                                        + " (SELECT DISTINCT ON (ticket_id) ticket_id, category, priority, seq"
                                        + " FROM triage_correction ORDER BY ticket_id, seq DESC) c"
                                        + " JOIN triage_decision d ON d.ticket_id = c.ticket_id"
                                        + " ORDER BY c.seq OFFSET ?1 LIMIT ?2",
                                Object[].class)
                        .setParameter(1, offset)
                        .setParameter(2, limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Labelled(
                                Rows.uuid(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4]))
                        .toList());
    }

    private static CorrectionResponse correction(Object[] r) {
        return new CorrectionResponse(
                Rows.uuid(r[0]),
                Rows.uuid(r[1]),
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                (String) r[7],
                Rows.instant(r[8]));
    }
}
