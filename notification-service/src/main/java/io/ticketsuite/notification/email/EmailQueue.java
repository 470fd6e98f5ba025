package io.ticketsuite.notification.email;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Notification;
import io.ticketsuite.notification.repository.RecipientRepository;
import io.ticketsuite.notification.repository.TicketRecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Queues the e-mail copy of an in-app notice, in the consumer's transaction: to the customer at the address the
 * ticket carried, to staff at the directory's address; nobody else (a customer known only by id, staff without an
 * address) gets mail. The subject carries the ticket's {@code [TS-n]} when its reference is known; the Message-ID
 * ({@code <notificationId.ticketId@domain>}) is fixed here, so every attempt sends the same one.
 */
@ApplicationScoped
public class EmailQueue {
    private final EmailOutboxRepository outbox;
    private final RecipientRepository directory;
    private final TicketRecordRepository tickets;
    private final EmailConfig config;

    public EmailQueue(
            EmailOutboxRepository outbox,
            RecipientRepository directory,
            TicketRecordRepository tickets,
            EmailConfig config) {
        this.outbox = outbox;
        this.directory = directory;
        this.tickets = tickets;
        this.config = config;
    }

    /** Queues the mail copy of a notice just stored in the inbox; emits whether one was queued. */
    public Uni<Boolean> enqueue(Notification n) {
        if (!config.enabled()) {
            return Uni.createFrom().item(false);
        }
        return addressOf(n).chain(address -> {
            if (address == null) {
                return Uni.createFrom().item(false);
            }
            return tickets.findById(n.ticketId).chain(ticket -> {
                EmailOutboxEntry e = new EmailOutboxEntry();
                e.id = UUID.randomUUID();
                e.notificationId = n.id;
                e.sourceEventId = n.sourceEventId;
                e.recipient = n.recipient;
                e.recipientRole = n.recipientRole.name();
                e.kind = n.kind;
                e.ticketId = n.ticketId;
                e.toAddress = address;
                e.subject = EmailFormat.subject(ticket == null ? null : ticket.ref, n.subject);
                e.body = n.body;
                e.messageId = EmailFormat.messageId(n.id, n.ticketId, config.messageIdDomain());
                e.createdAt = n.createdAt;
                return outbox.enqueue(e);
            });
        });
    }

    private Uni<String> addressOf(Notification n) {
        if (!n.recipientRole.isStaff()) {
            return Uni.createFrom().item(n.recipient.contains("@") ? n.recipient : null);
        }
        return directory.emailOf(n.recipient).map(email -> email != null && email.contains("@") ? email : null);
    }
}
