package io.ticketsuite.intake.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new words of a reply, without the quoted history mail clients append: lines starting with {@code >}, an
 * "On … wrote:" attribution and everything after it, Outlook's "-----Original Message-----" block, and the
 * signature after the standard delimiter {@code "-- "}.
 */
public final class ReplyText {
    private static final Pattern ATTRIBUTION =
            Pattern.compile("(?is)^(on|am|le|el|em)\\s.*(wrote|schrieb|a écrit|escribió|escreveu)[^:]*:\\s*$");
    private static final Pattern ORIGINAL =
            Pattern.compile("(?i)^-{2,}\\s*(original message|ursprüngliche nachricht|forwarded message)\\s*-{2,}\\s*$");

    private ReplyText() {}

    public static String strip(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (line.equals("-- ")
                    || line.equals("--")
                    || ORIGINAL.matcher(trimmed).matches()) {
                break;
            }
            if (startsAttribution(lines, i)) {
                break;
            }
            if (trimmed.startsWith(">")) {
                continue;
            }
            kept.add(line.stripTrailing());
        }
        return HtmlText.tidy(String.join("\n", kept));
    }

    /** "On Mon, 1 Dec 2026, Support <support@…> wrote:", possibly wrapped over up to three lines. */
    private static boolean startsAttribution(String[] lines, int i) {
        StringBuilder joined = new StringBuilder();
        for (int j = i; j < Math.min(lines.length, i + 3); j++) {
            if (j > i) {
                joined.append(' ');
            }
            joined.append(lines[j].strip());
            if (ATTRIBUTION.matcher(joined).matches()) {
                return true;
            }
        }
        return false;
    }
}
