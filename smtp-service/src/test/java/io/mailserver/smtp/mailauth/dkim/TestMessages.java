package io.mailserver.smtp.mailauth.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Messages for signing and verifying, as bytes with CRLF line ends. */
final class TestMessages {

    private TestMessages() {
    }

    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 6376 Appendix A message (RFC 8463 A.1). */
    static final byte[] RFC = crlf("""
            From: Joe SixPack <joe@football.example.com>
            To: Suzie Q <suzie@shopping.example.net>
            Subject: Is dinner ready?
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)
            Message-ID: <20030712040037.46341.5F8J@football.example.com>

            Hi.

            We lost the game.  Are you hungry yet?

            Joe.
            """);

    /** UTF-8 in header fields (RFC 6532), an 8-bit body, folds, odd whitespace and trailing blank lines. */
    static final byte[] INTERNATIONAL = crlf("""
            From: =?utf-8?q?J=C3=BCrgen?= <jürgen@bücher.example>
            To: Zoë <zoe@example.net>,
            \t"Ærøskøbing" <aero@example.dk>
            Subject:   Grüße aus Köln   ✓\t
            Date: Mon, 2 Dec 2024 10:00:00 +0100
            Message-ID: <utf8-1@bücher.example>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Ça va?  Ünïcödé 日本語\t\s
              indented line with trailing tabs\t\t

            last line

            \s

            """);

    /** Repeated To fields (signed bottom-up), a list header, and no body at all. */
    static final byte[] EMPTY_BODY = crlf("""
            From: list@example.org
            To: first@example.net
            To: second@example.net
            Subject: nothing to say
            List-Id: <talk.example.org>

            """);

    /** A body that does not end with CRLF. */
    static final byte[] NO_FINAL_CRLF = "From: a@example.org\r\nSubject: x\r\n\r\nline one\r\nline two"
            .getBytes(StandardCharsets.UTF_8);

    static final List<byte[]> INTEROP = List.of(RFC, INTERNATIONAL, EMPTY_BODY, NO_FINAL_CRLF);

    static byte[] prepend(String field, byte[] message) {
        byte[] head = field.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + message.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(message, 0, all, head.length, message.length);
        return all;
    }

    static String text(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }
}
