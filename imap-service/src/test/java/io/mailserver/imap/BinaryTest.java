package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.LineClient;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 3516 BINARY over real connections against real storage: literal8 APPEND (the binary part is
 * stored as base64 and comes back whole through BINARY), BINARY/BINARY.SIZE on encoded parts,
 * [UNKNOWN-CTE], and Python's imaplib as a client we did not write.
 */
@QuarkusTest
class BinaryTest extends ImapSessionTest {

    @Test
    void aLiteral8AppendKeepsEveryOctetAndBodyNeverCarriesNul() {
        String user = fixture.newUser();
        byte[] head = ("From: user@domain.org\r\nMime-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = {0, '-', (byte) 0xe4, '\n', '\r', '\n', '\n'};
        byte[] message = concat(head, body);
        try (LineClient c = MailFixture.selectedInbox(port, user)) {
            c.send("a1 APPEND INBOX ~{" + message.length + "}");
            c.expect("+ ");
            c.sendBytes(message);
            c.sendRaw("\r\n");
            assertThat(c.readUntil("a1 OK [APPENDUID ")).contains("* 1 EXISTS");

            c.send("a3 FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
            c.expect("* 1 FETCH (BINARY.SIZE[1] 7 BINARY[1] ~{7}");
            assertThat(c.readBytes(7)).isEqualTo(body);
            c.expect(")");
            c.expect("a3 OK");
            // stored as base64: BODY[1] is plain text a reader can take
            c.send("a4 FETCH 1 (BODY.PEEK[1] BODY.PEEK[1.MIME])");
            String line = c.expect("* 1 FETCH (BODY[1] {");
            int size = Integer.parseInt(line.substring(line.indexOf('{') + 1, line.indexOf('}')));
            String encoded = new String(c.readBytes(size), StandardCharsets.US_ASCII);
            assertThat(Base64.getMimeDecoder().decode(encoded)).isEqualTo(body);
            assertThat(c.readLine()).startsWith(" BODY[1.MIME] {");
            c.readUntil("a4 OK");
        }
    }

    @Test
    void literal8IsRefusedOutsideAppendAndUnknownEncodingsSaySo() {
        String user = fixture.newUser();
        fixture.deliver(user, "From: a@example.com\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\nend\r\n");
        try (LineClient c = MailFixture.selectedInbox(port, user)) {
            c.send("b1 FETCH 1 (BINARY.SIZE[1])");
            c.expect("b1 NO [UNKNOWN-CTE]");
            c.send("b2 FETCH 1 (UID BINARY.PEEK[1])");
            c.readUntil("b2 NO [UNKNOWN-CTE]");
            // BODY is unaffected by the encoding
            c.send("b3 FETCH 1 (BODY.PEEK[1])");
            c.expect("* 1 FETCH (BODY[1] {");
            c.readUntil("b3 OK");
            c.send("b4 SEARCH ~{3}");
            c.expect("b4 BAD");
            c.send("b5 FETCH 1 (BINARY[1.TEXT])");
            c.expect("b5 BAD");
            c.send("b6 NOOP");
            c.expect("b6 OK");
        }
    }

    @Test
    void imaplibReadsDecodedPartsAndLiteral8() throws Exception {
        String user = fixture.newUser();
        byte[] attachment = new byte[100_000];
        new Random(3).nextBytes(attachment);
        String multipart = "From: a@example.com\r\nSubject: attachment\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "caf=C3=A9\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
                + "--b--\r\n";
        fixture.deliver(user, multipart);
        fixture.deliver(user, "From: a@example.com\r\nSubject: nul\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getEncoder().encodeToString("\0\1\2binary\r\n".getBytes(StandardCharsets.US_ASCII)) + "\r\n");

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(attachment));
        MailFixture.runPythonClient("/binary_session.py", port, user, sha256, Integer.toString(attachment.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
