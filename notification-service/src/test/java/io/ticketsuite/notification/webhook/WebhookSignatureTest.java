package io.ticketsuite.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signer against the specification's published test vector and an independent verifier. */
class WebhookSignatureTest {
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void shouldReproduceTheStandardWebhooksTestVector() {
        assertThat(WebhookSignature.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void shouldBeVerifiedByAnIndependentImplementationAndRejectTampering() {
        Instant at = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
        assertThat(StandardWebhooksVerifier.verify(
                        VECTOR_SECRET,
                        VECTOR_ID,
                        "1614265330",
                        VECTOR_SIGNATURE,
                        VECTOR_BODY,
                        at,
                        Duration.ofMinutes(5)))
                .isTrue();
        // another signature first in the list (secret rotation) still verifies
        assertThat(StandardWebhooksVerifier.verify(
                        VECTOR_SECRET,
                        VECTOR_ID,
                        "1614265330",
                        "v1,bm9wZQ== " + VECTOR_SIGNATURE,
                        VECTOR_BODY,
                        at,
                        Duration.ofMinutes(5)))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(
                        VECTOR_SECRET,
                        VECTOR_ID,
                        "1614265330",
                        VECTOR_SIGNATURE,
                        VECTOR_BODY + " ",
                        at,
                        Duration.ofMinutes(5)))
                .isFalse();
        assertThat(StandardWebhooksVerifier.verify(
                        VECTOR_SECRET,
                        "msg_other",
                        "1614265330",
                        VECTOR_SIGNATURE,
                        VECTOR_BODY,
                        at,
                        Duration.ofMinutes(5)))
                .isFalse();
        // too old
        assertThat(StandardWebhooksVerifier.verify(
                        VECTOR_SECRET,
                        VECTOR_ID,
                        "1614265330",
                        VECTOR_SIGNATURE,
                        VECTOR_BODY,
                        at.plus(Duration.ofMinutes(6)),
                        Duration.ofMinutes(5)))
                .isFalse();
    }

    @Test
    void shouldGenerateDistinctWhsecSecretsOfAtLeast24RandomBytes() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        long now = Instant.now().getEpochSecond();
        String body = "{\"data\":{\"subject\":\"ünïcode\"}}";
        String signature = WebhookSignature.sign(a, "d-1", now, body);
        assertThat(StandardWebhooksVerifier.verify(a, "d-1", Long.toString(now), signature, body))
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(b, "d-1", Long.toString(now), signature, body))
                .isFalse();
    }
}
