package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.VipCustomer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class VipCustomerRepository implements PanacheRepositoryBase<VipCustomer, String> {

    public Uni<Boolean> isVip(String customerId) {
        if (customerId == null) {
            return Uni.createFrom().item(false);
        }
        return findById(customerId).map(v -> v != null);
    }

    public Uni<List<VipCustomer>> listOrdered() {
        return listAll(Sort.by("customerId"));
    }
}
