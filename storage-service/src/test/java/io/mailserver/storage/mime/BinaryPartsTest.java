package io.mailserver.storage.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryPartsTest {

    @Test
    void aBinaryBodyIsStoredAsBase64AndDecodesBackToTheSameOctets() {
        String body = "\0-\u00e4\n\r\n\n";
        byte[] raw = ("From: user@domain.org\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
        byte[] stored = BinaryParts.asBase64(raw, 20, 100);
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("From: user@domain.org\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
        assertThat(text).doesNotContain("\0");
        MimePart root = MimeWalker.walk(stored, 20, 100);
        assertThat(decoded(stored, root)).isEqualTo(body);
    }

    @Test
    void onlyBinaryPartsOfAMultipartChangeAndTheRestStaysByteForByte() {
        String raw = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nkeep me\r\n"
                + "--b\r\nContent-Type: application/x\r\nContent-Transfer-Encoding: BINARY\r\n\r\n\0\1\2\r\n"
                + "--b--\r\n";
        String stored = new String(BinaryParts.asBase64(raw.getBytes(StandardCharsets.ISO_8859_1), 20, 100),
                StandardCharsets.ISO_8859_1);
        assertThat(stored).isEqualTo("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nkeep me\r\n"
                + "--b\r\nContent-Type: application/x\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n\r\n"
                + "--b--\r\n");
    }

    @Test
    void aMessageWithoutBinaryPartsIsReturnedAsItIs() {
        byte[] raw = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(BinaryParts.asBase64(raw, 20, 100)).isSameAs(raw);
    }

    private static String decoded(byte[] raw, MimePart part) {
        TransferDecoder decoder = TransferDecoder.of("base64").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decoder.decode(raw, part.bodyOffset(), part.endOffset(), out);
        decoder.finish(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
