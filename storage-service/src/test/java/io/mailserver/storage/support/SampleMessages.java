package io.mailserver.storage.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Test messages with CRLF line breaks; each call makes unique content (its own Message-ID). */
public final class SampleMessages {

    private SampleMessages() {
    }

    public static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static String uniqueId() {
        return "<" + UUID.randomUUID() + "@test.example>";
    }

    /** A short text/plain message. */
    public static byte[] plain(String subject, String body) {
        return crlf("From: Alice <alice@example.com>\n"
                + "To: Bob <bob@example.org>\n"
                + "Subject: " + subject + "\n"
                + "Date: Tue, 3 Mar 2026 10:15:00 +0100\n"
                + "Message-ID: " + uniqueId() + "\n"
                + "\n"
                + body + "\n");
    }

    /**
     * multipart/mixed: 1 = multipart/alternative (1.1 text/plain quoted-printable, 1.2 text/html),
     * 2 = application/pdf attachment with an RFC 2231 file name, 3 = message/rfc822.
     */
    public static byte[] complex(String messageId) {
        return crlf("From: \"Alice Example\" <alice@example.com>\n"
                + "To: Bob <bob@example.org>, \"Carol, C.\" <carol@example.net>\n"
                + "Cc: undisclosed-recipients:;\n"
                + "Subject: =?utf-8?q?Caf=C3=A9?= plans\n"
                + "Date: Tue, 3 Mar 2026 10:15:00 +0100\n"
                + "Message-ID: " + messageId + "\n"
                + "X-Folded: first line\n"
                + "  continued\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\n"
                + "\n"
                + "This is the preamble.\n"
                + "--outer\n"
                + "Content-Type: multipart/alternative; boundary=alt\n"
                + "\n"
                + "--alt\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n"
                + "\n"
                + "Hello Bob, the caf=C3=A9 opens at nine.\n"
                + "--alt\n"
                + "Content-Type: text/html; charset=utf-8\n"
                + "\n"
                + "<p>Hello <b>Bob</b>, the zebra opens at nine.</p>\n"
                + "--alt--\n"
                + "--outer\n"
                + "Content-Type: application/pdf; name=\"plan.pdf\"\n"
                + "Content-Disposition: attachment; filename*=utf-8''pl%C3%A4n.pdf\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-ID: <pdf@example.com>\n"
                + "\n"
                + "JVBERi0xLjQKJcfsj6IK\n"
                + "--outer\n"
                + "Content-Type: message/rfc822\n"
                + "\n"
                + "From: Dave <dave@example.com>\n"
                + "Subject: Forwarded\n"
                + "Date: Mon, 2 Mar 2026 08:00:00 +0000\n"
                + "\n"
                + "Inner body line 1\n"
                + "Inner body line 2\n"
                + "--outer--\n"
                + "Epilogue.\n");
    }

    /** A text/plain message of at least {@code size} bytes of printable lines. */
    public static byte[] large(int size) {
        StringBuilder body = new StringBuilder(size + 100);
        int line = 0;
        while (body.length() < size) {
            body.append("line ").append(line++).append(" the quick brown fox jumps over the lazy dog 0123456789\n");
        }
        return plain("large " + UUID.randomUUID(), body.toString());
    }

    public static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
