package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Recipient;
import io.ticketsuite.notification.StaffMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The staff directory. It is small (a few rows per team), so an event reads all of it. */
@ApplicationScoped
public class RecipientRepository implements PanacheRepositoryBase<Recipient, Long> {

    public Uni<List<StaffMember>> directory() {
        return listAll().map(rows -> rows.stream().map(Recipient::toStaffMember).toList());
    }

    /** The e-mail address the directory has for a member of staff (any of their entries), or null. */
    public Uni<String> emailOf(String staffId) {
        return find("staffId = ?1 and email is not null and email <> '' order by entryId", staffId)
                .firstResult()
                .map(r -> r == null ? null : r.email.trim());
    }
}
