package io.ticketsuite.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.kit.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionRulesTest {

    @Test
    void shouldAcceptAbsoluteHttpAndHttpsUrlsOnly() {
        for (String good : List.of("https://hooks.example.com/in?x=1", "http://127.0.0.1:8080/hook")) {
            List<Problem.FieldError> errors = new ArrayList<>();
            assertThat(SubscriptionRules.url(good, errors)).contains(good);
            assertThat(errors).isEmpty();
        }
        for (String bad : Arrays.asList(
                null,
                "",
                "  ",
                "/relative",
                "ftp://example.com/x",
                "mailto:a@b.c",
                "https://",
                "http:// bad",
                "https://user:pw@example.com/",
                "https://example.com/#frag",
                "https://" + "a".repeat(2001))) {
            List<Problem.FieldError> errors = new ArrayList<>();
            assertThat(SubscriptionRules.url(bad, errors)).as(bad).isEmpty();
            assertThat(errors).as(bad).extracting(Problem.FieldError::field).containsExactly("url");
        }
    }

    @Test
    void shouldNormaliseKnownTypesAndNameEachUnknownOne() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertThat(SubscriptionRules.eventTypes(List.of("ticket.created", "SLA_BREACHED", "ticket.created"), errors))
                .contains(List.of("ticket.created", "sla.breached"));
        assertThat(SubscriptionRules.eventTypes(List.of("ticket.created", "*"), errors))
                .contains(List.of("*"));
        assertThat(errors).isEmpty();

        assertThat(SubscriptionRules.eventTypes(
                        Arrays.asList("ticket.created", "ticket.exploded", null, "csat.submitted"), errors))
                .isEmpty();
        assertThat(errors)
                .extracting(Problem.FieldError::field)
                .containsExactly("event_types[1]", "event_types[2]", "event_types[3]");

        errors.clear();
        assertThat(SubscriptionRules.eventTypes(List.of(), errors)).isEmpty();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("event_types");
    }
}
