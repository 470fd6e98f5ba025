package io.ticketsuite.sla.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The customer's zone from ticket.created, or null for the calendar's own. */
class CustomerZoneTest {

    @Test
    void shouldTakeTheCustomersTimeZoneFromTheEvent() {
        assertThat(CustomerZone.of(new Customer("c-1", null, CustomerTier.FREE, "en", "America/New_York")))
                .isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void shouldFallBackToTheCalendarsZoneWithoutOrWithAnUnknownOne() {
        assertThat(CustomerZone.of(new Customer("c-1", null, CustomerTier.FREE, "en")))
                .isNull();
        assertThat(CustomerZone.of(new Customer("c-1", null, CustomerTier.FREE, "en", "Mars/Olympus_Mons")))
                .isNull();
        assertThat(CustomerZone.of(null)).isNull();
    }
}
