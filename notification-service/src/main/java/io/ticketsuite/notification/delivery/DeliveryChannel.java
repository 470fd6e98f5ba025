package io.ticketsuite.notification.delivery;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Notification;

/**
 * A way to reach a recipient. Deliveries run inside the consumer's transaction and must be idempotent per (source
 * event, recipient): a redelivered event must not reach anyone twice. The in-app inbox is the first channel;
 * e-mail or chat would implement this interface too.
 */
public interface DeliveryChannel {

    /** The channel's name, as {@code notification.delivered} carries it. */
    String name();

    /** Delivers; emits true if delivered now, false if this (source event, recipient) had been delivered before. */
    Uni<Boolean> deliver(Notification notification);
}
