package io.ticketsuite.intake.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ticket a reply continues: the suite's outbound Message-IDs are {@code <notificationId.ticketId@domain>}, so a
 * reply naming one in In-Reply-To or References names its ticket; failing that, a {@code [TS-n]} tag in the subject.
 */
public final class Threading {
    private static final String UUID_TEXT =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern SUITE_ID = Pattern.compile("^<" + UUID_TEXT + "\\.(" + UUID_TEXT + ")@[^>]+>$");
    private static final Pattern REF_TAG = Pattern.compile("\\[\\s*(TS-[0-9]{1,18})\\s*]", Pattern.CASE_INSENSITIVE);

    private Threading() {}

    /** The ticket ids named by the suite's Message-IDs among {@code references}, in the order given. */
    public static List<UUID> ticketIds(List<String> references) {
        List<UUID> ids = new ArrayList<>();
        for (String reference : references) {
            Matcher m = SUITE_ID.matcher(reference.strip());
            if (m.matches()) {
                UUID id = UUID.fromString(m.group(1));
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The {@code TS-n} a subject carries as {@code [TS-n]}, upper case; null without one. */
    public static String ref(String subject) {
        if (subject == null) {
            return null;
        }
        Matcher m = REF_TAG.matcher(subject);
        return m.find() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }
}
