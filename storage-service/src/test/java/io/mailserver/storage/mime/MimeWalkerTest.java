package io.mailserver.storage.mime;

import static io.mailserver.storage.support.SampleMessages.crlf;
import static io.mailserver.storage.support.SampleMessages.indexOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mailserver.contracts.storage.v1.Address;
import io.mailserver.contracts.storage.v1.BodyPart;
import io.mailserver.contracts.storage.v1.Envelope;
import io.mailserver.contracts.storage.v1.Parameter;
import io.mailserver.storage.support.SampleMessages;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte-offset MIME walker and what is built from it: offsets, nesting, and no failure on bad input. */
class MimeWalkerTest {

    private static final MessageParser PARSER = new MessageParser(new MessageParser.Limits(32, 5000, 262_144, 1_048_576));

    private static String slice(byte[] raw, long from, long to) {
        return new String(Arrays.copyOfRange(raw, (int) from, (int) to), StandardCharsets.UTF_8);
    }

    @Test
    void offsetsOfEveryPartOfANestedMessage() {
        byte[] raw = SampleMessages.complex("<id@example.com>");
        MimePart root = MimeWalker.walk(raw, 32, 5000);

        assertThat(root.headerOffset()).isZero();
        assertThat(root.bodyOffset()).isEqualTo(indexOf(raw, "This is the preamble."));
        assertThat(root.endOffset()).isEqualTo(raw.length);
        assertThat(root.children()).hasSize(3);

        MimePart alternative = root.children().get(0);
        assertThat(alternative.headerOffset()).isEqualTo(indexOf(raw, "Content-Type: multipart/alternative"));
        assertThat(alternative.children()).hasSize(2);
        MimePart plain = alternative.children().get(0);
        assertThat(slice(raw, plain.headerOffset(), plain.bodyOffset()))
                .isEqualTo("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(slice(raw, plain.bodyOffset(), plain.endOffset())).isEqualTo("Hello Bob, the caf=C3=A9 opens at nine.");
        // the alternative part ends before the CRLF that precedes the outer delimiter
        assertThat(slice(raw, alternative.endOffset(), alternative.endOffset() + 9)).isEqualTo("\r\n--outer");

        MimePart forwarded = root.children().get(2);
        assertThat(forwarded.contentType().isMessage()).isTrue();
        MimePart inner = forwarded.message();
        assertThat(inner.headerOffset()).isEqualTo(forwarded.bodyOffset());
        assertThat(slice(raw, inner.headerOffset(), inner.bodyOffset())).startsWith("From: Dave").endsWith("+0000\r\n\r\n");
        assertThat(slice(raw, inner.bodyOffset(), inner.endOffset())).isEqualTo("Inner body line 1\r\nInner body line 2");
    }

    @Test
    void bodyStructureCarriesImapFieldsAndOffsets() {
        byte[] raw = SampleMessages.complex("<id@example.com>");
        ParsedMessage parsed = PARSER.parse(raw);
        BodyPart root = parsed.bodyStructure();

        assertThat(parsed.headerLength()).isEqualTo(indexOf(raw, "This is the preamble."));
        assertThat(root.getBodyOffset()).isEqualTo(parsed.headerLength());
        BodyPart pdf = root.getParts(1);
        assertThat(pdf.getParamsList()).containsExactly(Parameter.newBuilder().setName("name").setValue("plan.pdf").build());
        assertThat(slice(raw, pdf.getBodyOffset(), pdf.getEndOffset())).isEqualTo("JVBERi0xLjQKJcfsj6IK");
        BodyPart forwarded = root.getParts(2);
        assertThat(forwarded.getMessageBody().getHeaderOffset()).isEqualTo(forwarded.getBodyOffset());
        assertThat(forwarded.getLines()).isEqualTo(6);
        assertThat(parsed.sentDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(parsed.searchHeaders()).contains("Subject: Café plans\n").contains("X-Folded: first line  continued\n");
        assertThat(parsed.searchBody()).contains("café").contains("zebra").contains("inner").doesNotContain("<p>");
    }

    @Test
    void aMessageWithoutMimeIsTextPlainUsAscii7bit() {
        byte[] raw = crlf("Subject: plain\n\nline one\nline two\n");
        BodyPart body = PARSER.parse(raw).bodyStructure();

        assertThat(body.getType() + "/" + body.getSubtype()).isEqualTo("text/plain");
        assertThat(body.getParamsList()).containsExactly(Parameter.newBuilder().setName("charset").setValue("us-ascii").build());
        assertThat(body.getEncoding()).isEqualTo("7BIT");
        assertThat(body.getLines()).isEqualTo(2);
        assertThat(body.getSize()).isEqualTo("line one\r\nline two\r\n".length());
        assertThat(body.hasId()).isFalse();
        assertThat(body.hasDisposition()).isFalse();
    }

    @Test
    void envelopeKeepsRawStringsAndDefaultsSenderAndReplyTo() {
        byte[] raw = crlf("From: =?utf-8?q?J=C3=B6rg?= <joerg@example.de>, \"Jöhn\" <john@example.com>\n"
                + "Reply-To:\n"
                + "To: group: a@b.c, d@e.f;, bare\n"
                + "Subject:    spaced   \n"
                + "In-Reply-To: <x@y>\n\nbody");
        Envelope envelope = PARSER.parse(raw).envelope();

        assertThat(envelope.getFrom(0).getName()).isEqualTo("=?utf-8?q?J=C3=B6rg?=");
        assertThat(envelope.getFrom(1).getName()).isEqualTo("Jöhn");
        assertThat(envelope.getSenderList()).isEqualTo(envelope.getFromList());
        assertThat(envelope.getReplyToList()).isEqualTo(envelope.getFromList());
        assertThat(envelope.getToList()).containsExactly(
                Address.newBuilder().setMailbox("group").build(),
                Address.newBuilder().setMailbox("a").setHost("b.c").build(),
                Address.newBuilder().setMailbox("d").setHost("e.f").build(),
                Address.getDefaultInstance(),
                Address.newBuilder().setMailbox("bare").setHost("").build());
        assertThat(envelope.getSubject()).isEqualTo("spaced");
        assertThat(envelope.getInReplyTo()).isEqualTo("<x@y>");
        assertThat(envelope.hasDate()).isFalse();
        assertThat(envelope.hasMessageId()).isFalse();
    }

    @Test
    void rfc2231ContinuationsAreMergedAndEncodedValuesKept() {
        byte[] raw = crlf("Content-Type: application/octet-stream; name*0=\"long \"; name*1=\"name.txt\"\n"
                + "Content-Disposition: attachment; filename*0*=utf-8''%C3%A4; filename*1*=%C3%B6.txt\n\nx");
        BodyPart body = PARSER.parse(raw).bodyStructure();

        assertThat(body.getParamsList()).containsExactly(Parameter.newBuilder().setName("name").setValue("long name.txt").build());
        assertThat(body.getDisposition().getParamsList()).containsExactly(
                Parameter.newBuilder().setName("filename*").setValue("utf-8''%C3%A4%C3%B6.txt").build());
    }

    @Test
    void multipartDigestPartsDefaultToMessageRfc822() {
        byte[] raw = crlf("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n");
        BodyPart body = PARSER.parse(raw).bodyStructure();

        assertThat(body.getParts(0).getType() + "/" + body.getParts(0).getSubtype()).isEqualTo("message/rfc822");
        assertThat(body.getParts(0).getEnvelope().getSubject()).isEqualTo("one");
    }

    @Test
    void bareLineFeedsAreUnderstood() {
        byte[] raw = "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n--b--\n"
                .getBytes(StandardCharsets.US_ASCII);
        MimePart root = MimeWalker.walk(raw, 32, 5000);

        assertThat(root.children()).hasSize(1);
        assertThat(slice(raw, root.children().get(0).bodyOffset(), root.children().get(0).endOffset())).isEqualTo("hello");
    }

    @Test
    void malformedStructuresFallBackToTextPlain() {
        // multipart without boundary, and a boundary that never appears
        assertThat(PARSER.parse(crlf("Content-Type: multipart/mixed\n\nno parts")).bodyStructure().getType()).isEqualTo("text");
        assertThat(PARSER.parse(crlf("Content-Type: multipart/mixed; boundary=zz\n\nno parts")).bodyStructure().getSubtype())
                .isEqualTo("plain");
        // an unparsable content type
        assertThat(PARSER.parse(crlf("Content-Type: garbage\n\nx")).bodyStructure().getType()).isEqualTo("text");
        // no closing delimiter: the last part runs to the end
        byte[] open = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n\nsecond\n");
        BodyPart unclosed = PARSER.parse(open).bodyStructure();
        assertThat(unclosed.getPartsCount()).isEqualTo(2);
        assertThat(slice(open, unclosed.getParts(1).getBodyOffset(), unclosed.getParts(1).getEndOffset())).isEqualTo("second\r\n");
        // a longer boundary that starts with the real one is not a delimiter
        byte[] prefix = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--bb\ny\n--b--\n");
        assertThat(PARSER.parse(prefix).bodyStructure().getPartsCount()).isEqualTo(1);
        // a header without an empty line: everything is header
        byte[] headerOnly = crlf("Subject: no body");
        assertThat(PARSER.parse(headerOnly).headerLength()).isEqualTo(headerOnly.length);
    }

    @Test
    void nestingDeeperThanTheLimitBecomesTextPlain() {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            message.append("Content-Type: message/rfc822\n\n");
        }
        message.append("Subject: bottom\n\nbody\n");
        BodyPart body = new MessageParser(new MessageParser.Limits(8, 5000, 1000, 1000))
                .parse(crlf(message.toString())).bodyStructure();

        int depth = 0;
        while (body.hasMessageBody()) {
            body = body.getMessageBody();
            depth++;
        }
        assertThat(depth).isEqualTo(8);
        assertThat(body.getType()).isEqualTo("text");
    }

    @Test
    void noTruncationOfAMessageEverThrows() {
        byte[] raw = SampleMessages.complex("<id@example.com>");
        for (int length = 0; length <= raw.length; length++) {
            byte[] cut = Arrays.copyOf(raw, length);
            assertThatCode(() -> {
                ParsedMessage parsed = PARSER.parse(cut);
                assertThat(parsed.bodyStructure().getEndOffset()).isEqualTo(cut.length);
            }).as("truncated at %d", length).doesNotThrowAnyException();
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        byte[] alphabet = crlf("-\n:; =\"\tab\r\nContent-Type: multipart/mixed; boundary=a\n--a\nmessage/rfc822\n")
                .clone();
        for (int round = 0; round < 2000; round++) {
            byte[] raw = new byte[random.nextInt(400)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            assertThatCode(() -> PARSER.parse(raw)).doesNotThrowAnyException();
        }
    }
}
