package io.ticketsuite.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The [TS-n] subject tag, the Message-ID scheme intake threads replies by, and the retry backoff. */
class EmailFormatTest {

    @Test
    void shouldTagTheSubjectWithTheTicketReferenceOnce() {
        assertThat(EmailFormat.subject("TS-1042", "We received your request: Printer on fire"))
                .isEqualTo("[TS-1042] We received your request: Printer on fire");
        assertThat(EmailFormat.subject(" TS-7 ", "Re: [TS-7] Printer")).isEqualTo("Re: [TS-7] Printer");
    }

    @Test
    void shouldLeaveTheSubjectUntaggedWhenTheReferenceIsUnknownOrNotPlain() {
        assertThat(EmailFormat.subject(null, "Hello")).isEqualTo("Hello");
        assertThat(EmailFormat.subject("  ", "Hello")).isEqualTo("Hello");
        assertThat(EmailFormat.subject("TS-1\r\nBcc: x@evil.example", "Hello")).isEqualTo("Hello");
        assertThat(EmailFormat.ref("TS 1")).isNull();
    }

    @Test
    void shouldBuildTheMessageIdFromNotificationTicketAndDomain() {
        UUID notification = UUID.fromString("0b7e7a38-8d0a-4a4f-9d32-0a3b7d9f1c11");
        UUID ticket = UUID.fromString("6f1c0e1a-8a3b-4c55-9d0e-2b7f4d0c9a11");
        assertThat(EmailFormat.messageId(notification, ticket, "ticketsuite.local"))
                .isEqualTo("<0b7e7a38-8d0a-4a4f-9d32-0a3b7d9f1c11.6f1c0e1a-8a3b-4c55-9d0e-2b7f4d0c9a11"
                        + "@ticketsuite.local>");
    }

    @Test
    void shouldDoubleTheBackoffAfterEachFailureUpToTheCap() {
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(10);
        assertThat(EmailFormat.backoff(1, base, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(EmailFormat.backoff(2, base, max)).isEqualTo(Duration.ofSeconds(60));
        assertThat(EmailFormat.backoff(3, base, max)).isEqualTo(Duration.ofSeconds(120));
        assertThat(EmailFormat.backoff(6, base, max)).isEqualTo(max);
        assertThat(EmailFormat.backoff(1000, base, max)).isEqualTo(max);
    }
}
