package io.ticketsuite.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer flagged VIP by an admin: their new tickets go to senior agents of the team the rules choose. */
@Entity
@Table(name = "vip_customer")
public class VipCustomer {
    @Id
    @Column(name = "customer_id")
    public String customerId;

    public String note;

    @Column(name = "flagged_by", nullable = false)
    public String flaggedBy;

    @Column(name = "flagged_at", nullable = false)
    public Instant flaggedAt;
}
