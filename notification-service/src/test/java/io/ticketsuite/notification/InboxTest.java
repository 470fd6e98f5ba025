package io.ticketsuite.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void shouldAddressAStaffMemberByStaffIdInStaffRolesOnly() {
        Inbox inbox = Inbox.ofStaff("mgr-support");
        assertThat(inbox.recipients()).containsExactly("mgr-support");
        assertThat(inbox.roles())
                .doesNotContain(RecipientRole.CUSTOMER)
                .contains(RecipientRole.ESCALATION_TARGET)
                .hasSize(RecipientRole.values().length - 1);
    }

    @Test
    void shouldAddressACustomerByEmailAndCustomerIdInTheCustomerRoleOnly() {
        Inbox inbox = Inbox.ofCustomer(" c-42 ", "Ann@Example.com").orElseThrow();
        assertThat(inbox.recipients()).containsExactly("ann@example.com", "c-42");
        assertThat(inbox.roles()).containsExactly(RecipientRole.CUSTOMER);
        assertThat(Inbox.ofCustomer(null, "ann@example.com").orElseThrow().recipients())
                .containsExactly("ann@example.com");
        assertThat(Inbox.ofCustomer("c-42", " ").orElseThrow().recipients()).containsExactly("c-42");
        assertThat(Inbox.ofCustomer(null, null)).isEmpty();
        assertThat(Inbox.ofCustomer(" ", "")).isEmpty();
    }

    @Test
    void shouldNarrowOnlyToOneOfItsOwnKeys() {
        Inbox ann = Inbox.ofCustomer("c-42", "ann@example.com").orElseThrow();
        assertThat(ann.narrowTo("ANN@example.com "))
                .hasValue(new Inbox(java.util.List.of("ann@example.com"), EnumSet.of(RecipientRole.CUSTOMER)));
        assertThat(ann.narrowTo("c-42").orElseThrow().recipients()).containsExactly("c-42");
        assertThat(ann.narrowTo("ben@example.com")).isEmpty();
        assertThat(ann.narrowTo("C-42")).as("ids compare exactly").isEmpty();
        assertThat(Inbox.ofStaff("agent-1").narrowTo("mgr-support")).isEmpty();
    }

    @Test
    void shouldLetAnyRoleThroughForOneRecipient() {
        Inbox inbox = Inbox.anyRole(" Ann@Example.com");
        assertThat(inbox.recipients()).containsExactly("ann@example.com");
        assertThat(inbox.roles()).containsExactlyInAnyOrder(RecipientRole.values());
    }
}
