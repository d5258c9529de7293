package io.mailserver.storage.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransferDecoderTest {

    /** imaptest's fetch-binary-mime-qp part, which Dovecot decodes to these 65 octets. */
    private static final String QP = "hello  \r\nbar=\r\n\r\nfoo\t=\r\nbar\r\nfoo\t \t= \r\n=62\r\nfoo = \t\r\nbar\r\n"
            + "foo =\r\n=62\r\nfoo  \r\nbar=\r\n\r\nfoo_bar\r\n";
    private static final String QP_DECODED = "hello\r\nbar\r\nfoo\tbar\r\nfoo\t \tb\r\nfoo bar\r\nfoo b\r\nfoo\r\nbar\r\nfoo_bar\r\n";

    @Test
    void quotedPrintableFollowsTheRfcAndDovecotOnTrailingSpaceAndSoftBreaks() {
        assertThat(decodeWhole("quoted-printable", QP)).isEqualTo(QP_DECODED);
        assertThat(QP_DECODED.length()).isEqualTo(65);
    }

    @Test
    void quotedPrintableKeepsMalformedEscapesAsWritten() {
        assertThat(decodeWhole("quoted-printable", "a=zz b=4 c=3D=3d=\r")).isEqualTo("a=zz b=4 c=="); // "=" CR at the end: a soft break
        assertThat(decodeWhole("quoted-printable", "tail=4")).isEqualTo("tail=4");
        assertThat(decodeWhole("quoted-printable", "x= y\r\n")).isEqualTo("x= y\r\n");
        assertThat(decodeWhole("quoted-printable", "bare\nlf  \nend  ")).isEqualTo("bare\nlf\nend");
    }

    @Test
    void base64IgnoresWhitespaceAndStopsAtThePad() {
        assertThat(decodeWhole("base64", "aGVs\r\nbG8gd29y\r\nbGQ=\r\n\r\n")).isEqualTo("hello world");
        assertThat(decodeWhole("base64", "  aGVs    \r\n bG8g  \r\n   d29y  \t \r\n    bGQ= \r\n\r\n")).isEqualTo("hello world");
        assertThat(decodeWhole("base64", "YWJjZGVmZw1oaWprbA0KbW5vCnBxcnN0dXZxeHl6\r\n"))
                .isEqualTo("abcdefg\rhijkl\r\nmno\npqrstuvqxyz");
        assertThat(decodeWhole("base64", "aGk")).isEqualTo("hi"); // unpadded
        assertThat(decodeWhole("base64", "aGk=bG9zdA==")).isEqualTo("hi");
    }

    @Test
    void everySplitOfTheInputDecodesTheSame() {
        for (String encoding : new String[] {"quoted-printable", "base64"}) {
            String input = encoding.equals("base64") ? "  aGVs    \r\n bG8g  \r\n   d29y  \t \r\n    bGQ= \r\n" : QP;
            String whole = decodeWhole(encoding, input);
            byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
            for (int split = 0; split <= bytes.length; split++) {
                TransferDecoder decoder = TransferDecoder.of(encoding).orElseThrow();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                decoder.decode(bytes, 0, split, out);
                decoder.decode(bytes, split, bytes.length, out);
                decoder.finish(out);
                assertThat(out.toString(StandardCharsets.ISO_8859_1)).as(encoding + " split at " + split).isEqualTo(whole);
            }
        }
    }

    @Test
    void aHugeRunOfSpacesIsWrittenOutRatherThanHeld() {
        TransferDecoder decoder = TransferDecoder.of("quoted-printable").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] spaces = " ".repeat(QuotedPrintableDecoder.MAX_HELD * 3).getBytes(StandardCharsets.US_ASCII);
        decoder.decode(spaces, 0, spaces.length, out);
        assertThat(out.size()).isGreaterThanOrEqualTo(QuotedPrintableDecoder.MAX_HELD * 2);
    }

    @Test
    void unknownEncodingsHaveNoDecoderAndIdentityOnesChangeNothing() {
        assertThat(TransferDecoder.of("x-uuencode")).isEmpty();
        assertThat(TransferDecoder.of(" 8BIT ").orElseThrow().transforms()).isFalse();
        assertThat(TransferDecoder.of("").orElseThrow().transforms()).isFalse();
        assertThat(decodeWhole("binary", "a\0b")).isEqualTo("a\0b");
        assertThat(TransferDecoder.sevenBit("7BIT")).isTrue();
        assertThat(TransferDecoder.sevenBit("binary")).isFalse();
    }

    private static String decodeWhole(String encoding, String input) {
        TransferDecoder decoder = TransferDecoder.of(encoding).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        decoder.decode(bytes, 0, bytes.length, out);
        decoder.finish(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
