package io.ticketsuite.intake.mail;

import io.ticketsuite.intake.Attachment;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail (Eclipse Angus): RFC 2047 encoded words, any charset,
 * quoted-printable and base64 parts, {@code multipart/alternative} (text/plain preferred, an HTML-only body turned
 * into text), attachments as metadata, the ids it replies to, and whether it is an automatic message. Pure: no
 * Quarkus, no I/O besides the bytes given.
 */
public final class EmailParser {
    private static final Session SESSION = session();
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final int MAX_DEPTH = 10;

    private EmailParser() {}

    private static Session session() {
        Properties props = new Properties();
        // real-world mail breaks the rules: decode encoded words inside words, accept unknown charsets leniently
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.decodeparameters", "true");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        return Session.getInstance(props);
    }

    /** Parses the raw message; an unreadable one (no sender, broken structure) is refused with the reason. */
    public static InboundEmail parse(byte[] raw) throws UnparseableEmailException {
        if (raw == null || raw.length == 0) {
            throw new UnparseableEmailException("the message is empty");
        }
        try {
            return read(new MimeMessage(SESSION, new ByteArrayInputStream(raw)), raw);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnparseableEmailException("not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }

    /** Reads a message already parsed by Jakarta Mail (the IMAP poller's). */
    public static InboundEmail parse(MimeMessage message) throws UnparseableEmailException {
        try {
            return read(message, null);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnparseableEmailException("not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }

    private static InboundEmail read(MimeMessage message, byte[] raw)
            throws MessagingException, IOException, UnparseableEmailException {
        InternetAddress from = sender(message);
        String subject = subject(message);
        Body body = new Body();
        walk(message, body, 0);
        String text = body.plain != null ? body.plain : body.html != null ? HtmlText.of(body.html) : "";
        String messageId = messageId(message, raw);
        List<String> references = new ArrayList<>();
        addIds(references, message.getHeader("In-Reply-To", " "));
        addIds(references, message.getHeader("References", " "));
        return new InboundEmail(
                clean(messageId),
                clean(from.getAddress().toLowerCase(Locale.ROOT)),
                clean(from.getPersonal()),
                clean(subject),
                clean(text).strip(),
                List.copyOf(references),
                List.copyOf(body.attachments),
                AutoReplies.reason(message, from.getAddress()));
    }

    /** Text PostgreSQL can store: NUL characters (which no real mail holds) are dropped. */
    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }

    private static InternetAddress sender(MimeMessage message) throws UnparseableEmailException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            throw new UnparseableEmailException("the From header is not an address", e);
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            throw new UnparseableEmailException("the message has no From address");
        }
        String value = address.getAddress();
        if (value == null || !value.matches("[^@\\s]+@[^@\\s]+")) {
            throw new UnparseableEmailException("the From header is not an email address");
        }
        try {
            new InternetAddress(value, true);
        } catch (AddressException e) {
            throw new UnparseableEmailException("the From header is not an email address: " + value, e);
        }
        return address;
    }

    private static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null ? "" : subject.replaceAll("\\s+", " ").strip();
    }

    private static String messageId(MimeMessage message, byte[] raw) throws MessagingException, IOException {
        String header = message.getHeader("Message-ID", null);
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            if (m.find()) {
                return m.group();
            }
            if (!header.isBlank()) {
                return "<" + header.strip() + ">";
            }
        }
        // no Message-ID: the digest of the message stands in, so the same message twice is still one ticket
        byte[] bytes = raw;
        if (bytes == null) {
            var out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            bytes = out.toByteArray();
        }
        try {
            return "<"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    + "@digest.intake.ticketsuite>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addIds(List<String> ids, String header) {
        if (header == null) {
            return;
        }
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find()) {
            if (!ids.contains(m.group())) {
                ids.add(m.group());
            }
        }
    }

    /** What the walk found: the first text/plain and text/html bodies, and the attachments. */
    private static final class Body {
        String plain;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Body body, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new MessagingException("MIME parts nested more than " + MAX_DEPTH + " deep");
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart multipart)) {
                throw new MessagingException("a multipart without parts");
            }
            if (part.isMimeType("multipart/alternative")) {
                alternative(multipart, body, depth);
                return;
            }
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), body, depth + 1);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
            body.plain = text(part);
        } else if (!attachment && part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
        } else {
            body.attachments.add(attachment(part));
        }
    }

    /** multipart/alternative: the text/plain version if there is one, else the HTML one, else the first. */
    private static void alternative(Multipart multipart, Body body, int depth) throws MessagingException, IOException {
        BodyPart chosen = null;
        for (String type : List.of("text/plain", "text/html", "multipart/*")) {
            for (int i = 0; i < multipart.getCount() && chosen == null; i++) {
                if (multipart.getBodyPart(i).isMimeType(type)) {
                    chosen = multipart.getBodyPart(i);
                }
            }
        }
        if (chosen == null && multipart.getCount() > 0) {
            chosen = multipart.getBodyPart(0);
        }
        if (chosen != null) {
            walk(chosen, body, depth + 1);
        }
    }

    /** A text part decoded with its charset; an unknown or missing charset falls back to UTF-8 (lenient). */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // fall through: decode the bytes ourselves
        }
        return new String(bytes(part.getInputStream()), charset(part));
    }

    private static Charset charset(Part part) {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                return Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (Exception e) {
            // unknown or malformed: UTF-8 below
        }
        return StandardCharsets.UTF_8;
    }

    private static Attachment attachment(Part part) throws MessagingException, IOException {
        String name = part.getFileName();
        if (name != null && name.contains("=?")) {
            // an RFC 2047 encoded word in a filename (not standard, but what many clients send)
            try {
                name = MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                // keep it as written
            }
        }
        String type;
        try {
            type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            type = "application/octet-stream";
        }
        if (name == null && part.isMimeType("message/rfc822")) {
            name = "message.eml";
        }
        long size;
        try (InputStream in = part.getInputStream()) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Attachment(clean(name), clean(type), size);
    }

    private static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
