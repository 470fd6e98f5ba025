package io.ticketsuite.intake.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;

/**
 * Recognises messages no person wrote, which must make no ticket and no answer (else two auto-responders loop):
 * RFC 3834 {@code Auto-Submitted} other than {@code no}, {@code Precedence: bulk/junk/list}, the de-facto
 * {@code X-Autoreply} / {@code X-Autorespond} headers, mail from {@code mailer-daemon} or {@code postmaster}, and
 * delivery reports ({@code multipart/report; report-type=delivery-status}).
 */
public final class AutoReplies {
    private AutoReplies() {}

    /** Why the message is automatic, or null when a person wrote it. */
    public static String reason(MimeMessage message, String from) throws MessagingException {
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null) {
            String value = autoSubmitted.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!value.equals("no")) {
                return "Auto-Submitted: " + value;
            }
        }
        String precedence = first(message, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list")) {
            return "Precedence: " + precedence.strip().toLowerCase(Locale.ROOT);
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Reply"}) {
            String value = first(message, header);
            if (value != null && !value.strip().equalsIgnoreCase("no")) {
                return header;
            }
        }
        String local = from == null ? "" : from.split("@", 2)[0].toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return "sent by " + local;
        }
        if (message.isMimeType("multipart/report")) {
            String type = message.getContentType().toLowerCase(Locale.ROOT);
            if (type.contains("delivery-status") || type.contains("disposition-notification")) {
                return "delivery or read report";
            }
        }
        return null;
    }

    private static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
