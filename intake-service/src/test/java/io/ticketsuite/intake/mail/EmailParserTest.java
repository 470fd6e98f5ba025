package io.ticketsuite.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsuite.intake.Attachment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MIME cases written from RFC 5322, 2045–2047, 2231, 3834: the parser alone, without Quarkus. */
class EmailParserTest {

    static byte[] mail(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static InboundEmail parse(String text) throws UnparseableEmailException {
        return EmailParser.parse(mail(text));
    }

    @Test
    void shouldDecodeEncodedWordSubjectsInBase64AndQuotedPrintable() throws Exception {
        InboundEmail b = parse("""
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <Juergen@Example.COM>
                To: support@ticketsuite.local
                Subject: =?UTF-8?B?w4RyZ2VyIG1pdCBkZXIgUmVjaG51bmc=?=
                Message-ID: <b-1@example.com>

                body
                """);
        assertThat(b.subject()).isEqualTo("Ärger mit der Rechnung");
        assertThat(b.from()).isEqualTo("juergen@example.com");
        assertThat(b.fromName()).isEqualTo("Jürgen Müller");
        assertThat(b.messageId()).isEqualTo("<b-1@example.com>");

        // two adjacent encoded words: the whitespace between them is not part of the text (RFC 2047 §6.2)
        InboundEmail q = parse("""
                From: ann@example.com
                Subject: =?ISO-8859-1?Q?Caf=E9_?= =?ISO-8859-1?Q?ferm=E9?= today
                Message-ID: <q-1@example.com>

                body
                """);
        assertThat(q.subject()).isEqualTo("Café fermé today");
    }

    @Test
    void shouldDecodeAnIso88591QuotedPrintableBody() throws Exception {
        InboundEmail email = parse("""
                From: ann@example.com
                Subject: Umlaute
                Message-ID: <qp-1@example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus M=FCnchen, die Zahlung ist fehlgeschlagen und das ist eine sehr=
                 lange Zeile.
                """);
        assertThat(email.text())
                .isEqualTo("Grüße aus München, die Zahlung ist fehlgeschlagen und das ist eine sehr" + " lange Zeile.");
    }

    @Test
    void shouldDecodeAnIso88591EightBitBody() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(mail("""
                From: ann@example.com
                Subject: latin1
                Message-ID: <l1-1@example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset="iso-8859-1"
                Content-Transfer-Encoding: 8bit

                """));
        raw.writeBytes("Caf\u00e9 ferm\u00e9, \u00e7a ne marche pas.\r\n".getBytes(StandardCharsets.ISO_8859_1));
        InboundEmail email = EmailParser.parse(raw.toByteArray());
        assertThat(email.text()).isEqualTo("Café fermé, ça ne marche pas.");
    }

    @Test
    void shouldDecodeAUtf8Base64Body() throws Exception {
        InboundEmail email = parse("""
                From: ann@example.com
                Subject: base64
                Message-ID: <b64-1@example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                SGFsbG8sCmRpZSBSZWNobnVuZyBmw7xyIE3DpHJ6IGlzdCBkb3BwZWx0LiDwn5iACkRhbmtl
                """);
        assertThat(email.text()).isEqualTo("Hallo,\ndie Rechnung für März ist doppelt. \uD83D\uDE00\nDanke");
    }

    @Test
    void shouldPreferTextPlainInMultipartAlternative() throws Exception {
        InboundEmail email = parse("""
                From: ann@example.com
                Subject: alternative
                Message-ID: <alt-1@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/html; charset=UTF-8

                <p>the <b>HTML</b> version</p>
                --b1
                Content-Type: text/plain; charset=UTF-8

                the plain version
                --b1--
                """);
        assertThat(email.text()).isEqualTo("the plain version");
        assertThat(email.attachments()).isEmpty();
    }

    @Test
    void shouldTurnAnHtmlOnlyBodyIntoReadableText() throws Exception {
        InboundEmail email = parse("""
                From: ann@example.com
                Subject: html only
                Message-ID: <html-1@example.com>
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                <html><head><style>p {color: red}</style><script>alert(1)</script></head>
                <body><p>Hello &amp; good morning,</p><p>the <b>export</b> fails:<br>Error&nbsp;500</p>
                <ul><li>step one</li><li>step two</li></ul><a href=3D"https://example.com/x">details</a></body></html>
                """);
        assertThat(email.text())
                .isEqualTo("Hello & good morning,\n\nthe export fails:\nError 500\n\n- step one\n- step two\n\n"
                        + "details <https://example.com/x>");
        assertThat(email.text()).doesNotContain("<p>", "alert", "color");
    }

    @Test
    void shouldKeepAttachmentsAsMetadataWithDecodedNamesAndSizes() throws Exception {
        InboundEmail email = parse("""
                From: ann@example.com
                Subject: with attachment
                Message-ID: <att-1@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=UTF-8

                see the invoice attached
                --inner
                Content-Type: text/html; charset=UTF-8

                <p>see the invoice attached</p>
                --inner--
                --outer
                Content-Type: application/pdf; name="invoice.pdf"
                Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQgZmFrZSBwZGYgY29udGVudCBoZXJl
                --outer
                Content-Type: image/png
                Content-Disposition: inline; filename="=?UTF-8?Q?sch=C3=B6n.png?="
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --outer--
                """);
        assertThat(email.text()).isEqualTo("see the invoice attached");
        assertThat(email.attachments())
                .containsExactly(
                        new Attachment("Rechnung März.pdf", "application/pdf", 30),
                        new Attachment("schön.png", "image/png", 8));
    }

    @Test
    void shouldReadTheIdsAReplyNamesAndTheTicketsTheyPointAt() throws Exception {
        UUID ticket = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        InboundEmail email =
                parse("""
                From: ann@example.com
                Subject: Re: [ts-1042] Your ticket
                Message-ID: <reply-1@example.com>
                In-Reply-To: <%s.%s@ticketsuite.local>
                References: <first@example.com>
                 <%s.%s@ticketsuite.local> <%s.%s@ticketsuite.local>

                thanks
                """.formatted(UUID.randomUUID(), ticket, UUID.randomUUID(), other, UUID.randomUUID(), ticket));
        assertThat(email.references()).hasSize(4).contains("<first@example.com>");
        assertThat(Threading.ticketIds(email.references())).containsExactly(ticket, other);
        assertThat(Threading.ref(email.subject())).isEqualTo("TS-1042");
        assertThat(Threading.ref("Re: no tag TS-1042")).isNull();
        assertThat(Threading.ticketIds(List.of("<abc@example.com>", "<" + ticket + "@x>")))
                .isEmpty();
    }

    @Test
    void shouldStandInADigestForAMissingMessageIdSoTheSameMessageIsRecognised() throws Exception {
        String text = """
                From: ann@example.com
                Subject: no id

                body
                """;
        InboundEmail first = parse(text);
        assertThat(first.messageId()).startsWith("<").endsWith("@digest.intake.ticketsuite>");
        assertThat(parse(text).messageId()).isEqualTo(first.messageId());
        assertThat(parse(text.replace("body", "other")).messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void shouldRecogniseAutoRepliesBouncesAndListMail() throws Exception {
        String person = """
                From: ann@example.com
                Subject: hi
                Message-ID: <p-1@example.com>
                %s

                text
                """;
        assertThat(parse(person.formatted("Auto-Submitted: no")).autoReply()).isNull();
        assertThat(parse(person.formatted("X-Mailer: Thunderbird")).isAutoReply())
                .isFalse();
        assertThat(parse(person.formatted("Auto-Submitted: auto-replied; owner-email=\"x@y\""))
                        .autoReply())
                .isEqualTo("Auto-Submitted: auto-replied");
        assertThat(parse(person.formatted("Auto-Submitted: Auto-Generated")).isAutoReply())
                .isTrue();
        assertThat(parse(person.formatted("Precedence: bulk")).isAutoReply()).isTrue();
        assertThat(parse(person.formatted("Precedence: junk")).isAutoReply()).isTrue();
        assertThat(parse(person.formatted("Precedence: list")).isAutoReply()).isTrue();
        assertThat(parse(person.formatted("X-Autoreply: yes")).isAutoReply()).isTrue();
        assertThat(parse(person.formatted("X-Autorespond: Out of office")).isAutoReply())
                .isTrue();
        assertThat(parse(person.replace("ann@example.com", "MAILER-DAEMON@mx.example.com")
                                .formatted("X-Mailer: x"))
                        .isAutoReply())
                .isTrue();
        assertThat(parse(person.replace("ann@example.com", "postmaster@example.com")
                                .formatted("X-Mailer: x"))
                        .isAutoReply())
                .isTrue();
        assertThat(parse("""
                        From: ann@example.com
                        Subject: Undelivered Mail
                        Message-ID: <dsn-1@example.com>
                        MIME-Version: 1.0
                        Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                        --r
                        Content-Type: text/plain

                        could not deliver
                        --r--
                        """).isAutoReply()).isTrue();
    }

    @Test
    void shouldRefuseGarbageAndMessagesWithoutASender() {
        assertThatThrownBy(() -> EmailParser.parse(new byte[0])).isInstanceOf(UnparseableEmailException.class);
        assertThatThrownBy(() -> EmailParser.parse("just some words, no headers at all".getBytes()))
                .isInstanceOf(UnparseableEmailException.class)
                .hasMessageContaining("From");
        byte[] noise = new byte[512];
        new java.util.Random(7).nextBytes(noise);
        assertThatThrownBy(() -> EmailParser.parse(noise)).isInstanceOf(UnparseableEmailException.class);
        assertThatThrownBy(() -> parse("""
                        From: not an address
                        Subject: x

                        body
                        """)).isInstanceOf(UnparseableEmailException.class);
    }

    @Test
    void shouldStripQuotedHistoryAttributionAndSignatureFromReplies() {
        String reply = """
                Thanks, that fixed it.
                One more question: can I export to CSV?

                On Mon, 30 Nov 2026 at 10:00, Ticket Suite Support <support@ticketsuite.local>
                wrote:
                > We changed your billing address.
                >
                > Kind regards
                """;
        assertThat(ReplyText.strip(reply)).isEqualTo("Thanks, that fixed it.\nOne more question: can I export to CSV?");
        assertThat(ReplyText.strip("Works now.\n> old text\n> more\n\n-- \nAnn Example\nACME Corp"))
                .isEqualTo("Works now.");
        assertThat(ReplyText.strip("Top reply\n\n-----Original Message-----\nFrom: support\nold"))
                .isEqualTo("Top reply");
        assertThat(ReplyText.strip("Am 30.11.2026 um 10:00 schrieb Support <s@x>:\n> alt"))
                .isEmpty();
    }
}
