package io.ticketsuite.intake.rest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** The customer id email intake gives a new sender (derived from the address). */
public final class EmailTestIds {
    private EmailTestIds() {}

    public static String customerOf(String email) {
        return "email-"
                + UUID.nameUUIDFromBytes(("email:" + email.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }
}
