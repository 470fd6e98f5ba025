package io.ticketsuite.routing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.problem.ProblemException;
import io.ticketsuite.routing.VipCustomer;
import io.ticketsuite.routing.repository.VipCustomerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Keeps the VIP customer directory. */
@ApplicationScoped
public class VipCustomerService {
    private final VipCustomerRepository vips;
    private final Clock clock;

    public VipCustomerService(VipCustomerRepository vips, Clock clock) {
        this.vips = vips;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<VipCustomer>> list() {
        return vips.listOrdered();
    }

    @WithTransaction
    public Uni<VipCustomer> flag(String customerId, String note, String by) {
        return vips.findById(customerId).chain(existing -> {
            VipCustomer vip = existing != null ? existing : new VipCustomer();
            vip.customerId = customerId;
            vip.note = note;
            vip.flaggedBy = by;
            vip.flaggedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return existing != null ? Uni.createFrom().item(vip) : vips.persist(vip);
        });
    }

    @WithTransaction
    public Uni<Void> unflag(String customerId) {
        return vips.deleteById(customerId)
                .chain(deleted -> deleted
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.notFound("VIP customer", customerId)));
    }
}
