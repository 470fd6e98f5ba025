package io.ticketsuite.intake.mail;

import io.ticketsuite.intake.Attachment;
import java.util.List;

/**
 * An inbound email as intake reads it, whatever its encoding: plain Java, no transport or persistence types.
 *
 * @param messageId the Message-ID with its angle brackets (a digest of the raw message when it had none)
 * @param from the sender's address, lower case
 * @param fromName the sender's display name, decoded; null without one
 * @param subject the decoded subject (RFC 2047); empty when it had none
 * @param text the body as plain text (text/plain preferred; an HTML-only body as readable text)
 * @param references the message ids named by In-Reply-To and References, In-Reply-To first
 * @param attachments the attachments, as metadata
 * @param autoReply why this is an automatic message (auto-reply, bounce, list mail), or null for a person's message
 */
public record InboundEmail(
        String messageId,
        String from,
        String fromName,
        String subject,
        String text,
        List<String> references,
        List<Attachment> attachments,
        String autoReply) {

    public boolean isAutoReply() {
        return autoReply != null;
    }
}
