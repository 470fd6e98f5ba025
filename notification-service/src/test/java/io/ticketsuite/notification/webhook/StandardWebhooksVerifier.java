package io.ticketsuite.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a Standard Webhooks signature, written from the specification on its own (it does not call
 * the service's signer): the key is the base64 after {@code whsec_}; the signed content is {@code
 * id.timestamp.body}; the header is a space-separated list of {@code v1,<base64 HMAC-SHA256>}, any of which may match
 * (compared in constant time); the timestamp must be within the tolerance of now.
 */
final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {}

    static boolean verify(String secret, String id, String timestamp, String signatureHeader, String body) {
        return verify(secret, id, timestamp, signatureHeader, body, Instant.now(), Duration.ofMinutes(5));
    }

    static boolean verify(
            String secret,
            String id,
            String timestamp,
            String signatureHeader,
            String body,
            Instant now,
            Duration tolerance) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        String base64Key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] expected;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (String versioned : signatureHeader.trim().split(" +")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(versioned.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }
}
