package io.mailserver.smtp.mailauth.dkim;

import io.mailserver.smtp.mailauth.HeaderField;
import io.mailserver.smtp.mailauth.RawMessage;
import static io.mailserver.smtp.mailauth.dkim.TestMessages.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalizationTest {

    /** RFC 6376 §3.4.5's example, byte for byte. */
    private static final byte[] EXAMPLE = ("A: X\r\n"
            + "B : Y\t\r\n"
            + "\tZ  \r\n"
            + "\r\n"
            + " C \r\n"
            + "D \t E\r\n"
            + "\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private static String headers(Canonicalization c, byte[] message) {
        StringBuilder out = new StringBuilder();
        for (HeaderField field : RawMessage.parse(message).headers()) {
            out.append(new String(c.header(field), StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }

    private static String body(Canonicalization c, byte[] message) {
        RawMessage parsed = RawMessage.parse(message);
        return new String(c.body(message, parsed.bodyStart()), StandardCharsets.ISO_8859_1);
    }

    private static String bodyHash(Canonicalization c, byte[] message, long limit) {
        return Base64.getEncoder().encodeToString(BodyHash.of(RawMessage.parse(message), c, limit).digest());
    }

    @Test
    void relaxedExampleOfRfc6376() {
        assertThat(headers(Canonicalization.RELAXED, EXAMPLE)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(body(Canonicalization.RELAXED, EXAMPLE)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleExampleOfRfc6376() {
        assertThat(headers(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assertThat(body(Canonicalization.SIMPLE, EXAMPLE)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void headerFieldsAreSplitAtFoldsOnly() {
        RawMessage parsed = RawMessage.parse(EXAMPLE);
        assertThat(parsed.headers()).extracting(HeaderField::name).containsExactly("A", "B");
        assertThat(parsed.bodyStart()).isEqualTo(22);
    }

    @Test
    void emptyBodiesHashAsTheRfcSays() {
        byte[] headersOnly = crlf("From: a@example.org\n\n");
        // relaxed: the empty string; simple: one CRLF (RFC 6376 §3.4.3, §3.4.4)
        assertThat(bodyHash(Canonicalization.RELAXED, headersOnly, -1)).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(bodyHash(Canonicalization.SIMPLE, headersOnly, -1)).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
        byte[] noSeparator = crlf("From: a@example.org\n");
        assertThat(bodyHash(Canonicalization.RELAXED, noSeparator, -1)).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        byte[] blankLinesOnly = crlf("From: a@example.org\n\n\n \t\n\n");
        assertThat(body(Canonicalization.RELAXED, blankLinesOnly)).isEmpty();
        assertThat(body(Canonicalization.SIMPLE, blankLinesOnly)).isEqualTo("\r\n \t\r\n");
    }

    @Test
    void theRfc6376AppendixBodyHash() {
        // the bh= published in RFC 6376 Appendix A and RFC 8463 A.3 for relaxed bodies
        assertThat(bodyHash(Canonicalization.RELAXED, TestMessages.RFC, -1)).isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
        assertThat(bodyHash(Canonicalization.SIMPLE, TestMessages.RFC, -1)).isEqualTo("4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=");
    }

    @Test
    void aLastLineWithoutCrlfGetsOne() {
        assertThat(body(Canonicalization.SIMPLE, TestMessages.NO_FINAL_CRLF)).isEqualTo("line one\r\nline two\r\n");
        assertThat(body(Canonicalization.RELAXED, crlf("A: b\n\nx  \ny \t"))).isEqualTo("x\r\ny\r\n");
    }

    @Test
    void eightBitBytesPassThroughUnchanged() {
        byte[] message = crlf("Subject:  Grüße\t ✓ \n\nÜber  alles \n");
        assertThat(new String(Canonicalization.RELAXED.header(RawMessage.parse(message).headers().get(0)), StandardCharsets.UTF_8))
                .isEqualTo("subject:Grüße ✓\r\n");
        assertThat(new String(Canonicalization.RELAXED.body(message, RawMessage.parse(message).bodyStart()), StandardCharsets.UTF_8))
                .isEqualTo("Über alles\r\n");
    }

    @Test
    void aBodyLengthLimitHashesOnlyThatMuch() {
        byte[] message = crlf("From: a@example.org\n\nfirst\nsecond\n");
        BodyHash cut = BodyHash.of(RawMessage.parse(message), Canonicalization.RELAXED, 7);
        assertThat(cut.canonicalLength()).isEqualTo(15);
        assertThat(Base64.getEncoder().encodeToString(cut.digest()))
                .isEqualTo(Base64.getEncoder().encodeToString(BodyHash.sha256().digest("first\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theSignatureValueIsEmptiedButNotBh() {
        HeaderField field = HeaderField.of("DKIM-Signature: v=1; bh=abc=;\r\n b=dead\r\n beef ; d=x".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(HeaderHashInput.withoutSignatureValue(field).raw(), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: v=1; bh=abc=;\r\n b=; d=x");
        HeaderField last = HeaderField.of("DKIM-Signature: b = xyz".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(HeaderHashInput.withoutSignatureValue(last).raw(), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: b =");
    }

    @Test
    void repeatedFieldsAreSignedBottomUpAndMissingOnesAddNothing() {
        byte[] message = crlf("To: first\nTo: second\nFrom: f\n\n");
        HeaderField signature = HeaderField.of("DKIM-Signature: b=".getBytes(StandardCharsets.US_ASCII));
        byte[] data = HeaderHashInput.of(RawMessage.parse(message), List.of("to", "to", "to", "from"), Canonicalization.RELAXED, signature);
        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("to:second\r\nto:first\r\nfrom:f\r\ndkim-signature:b=");
    }

    /**
     * The body canonicalizers see a body in the blocks a session received it in: whatever the split
     * (a CRLF, a whitespace run or a run of empty lines cut anywhere), the output is the same as from
     * one array.
     */
    @Test
    void bodiesStreamedInAnyBlocksCanonicalizeAsWhole() {
        java.util.Random random = new java.util.Random(7672);
        List<byte[]> bodies = new java.util.ArrayList<>(List.of(EXAMPLE, "".getBytes(StandardCharsets.US_ASCII),
                "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "a\r".getBytes(StandardCharsets.US_ASCII),
                "x \t \r\n\r \n\r\n  \r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] alphabet = {'a', ' ', '\t', '\r', '\n', '\r', '\n', 'b'};
        for (int n = 0; n < 200; n++) {
            byte[] body = new byte[random.nextInt(60)];
            for (int i = 0; i < body.length; i++) {
                body[i] = alphabet[random.nextInt(alphabet.length)];
            }
            bodies.add(body);
        }
        for (byte[] body : bodies) {
            for (Canonicalization c : Canonicalization.values()) {
                byte[] whole = c.body(body, 0);
                for (int block = 1; block <= Math.max(1, body.length); block++) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    Canonicalization.CanonicalBody writer = c.bodyWriter(out);
                    for (int at = 0; at < body.length; at += block) {
                        writer.write(body, at, Math.min(block, body.length - at));
                    }
                    writer.finish();
                    assertThat(out.toByteArray()).as("%s in blocks of %d: %s", c, block,
                            new String(body, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"))
                            .isEqualTo(whole);
                }
            }
        }
    }
}
