package io.ticketsuite.notification.email;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The pure rules of outbound e-mail: the {@code [TS-n]} subject tag, the Message-ID scheme replies are threaded by
 * ({@code <notificationId.ticketId@domain>}, read back by intake-service) and the retry backoff.
 */
public final class EmailFormat {
    /** What a ticket reference may look like (TS-1042): anything else is not put into a header. */
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    private EmailFormat() {}

    /** A usable reference, trimmed, or null (absent, blank or not a plain reference). */
    public static String ref(String candidate) {
        if (candidate == null) {
            return null;
        }
        String trimmed = candidate.strip();
        return REF.matcher(trimmed).matches() ? trimmed : null;
    }

    /** The subject with the ticket's {@code [TS-n]} tag in front, or unchanged when the reference is unknown. */
    public static String subject(String ref, String subject) {
        String usable = ref(ref);
        if (usable == null) {
            return subject;
        }
        String tag = "[" + usable + "]";
        return subject.contains(tag) ? subject : tag + " " + subject;
    }

    /** {@code <notificationId.ticketId@domain>}. */
    public static String messageId(UUID notificationId, UUID ticketId, String domain) {
        return "<" + notificationId + "." + ticketId + "@" + domain + ">";
    }

    /**
     * The wait after the {@code failedAttempts}-th failed attempt: {@code base}, then doubled each time, never more
     * than {@code max}.
     */
    public static Duration backoff(int failedAttempts, Duration base, Duration max) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
