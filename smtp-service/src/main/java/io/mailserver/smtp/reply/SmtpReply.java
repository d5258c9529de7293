package io.mailserver.smtp.reply;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463) and one or more
 * lines of text. Deciding a reply is the handlers' business; {@link SmtpReplyEncoder} turns it into
 * bytes.
 *
 * <p>Text that reaches a reply may echo client input (an address, a domain). Control characters are
 * replaced here so a reply can never be split into extra lines or carry a bare CR/LF.
 *
 * @param code     reply code, 200..599 (RFC 5321 §4.2)
 * @param enhanced enhanced status code such as {@code 2.1.5}, or {@code null} for replies that carry
 *                 none (the greeting, EHLO/HELO, 354: RFC 2034 §3)
 * @param lines    text lines, at least one; a multi-line reply has more than one
 */
public record SmtpReply(int code, String enhanced, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        if (enhanced != null && (!ENHANCED.matcher(enhanced).matches() || enhanced.charAt(0) - '0' != code / 100)) {
            throw new IllegalArgumentException("enhanced status " + enhanced + " does not fit reply code " + code);
        }
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        lines = lines.stream().map(SmtpReply::printable).toList();
    }

    /** A one-line reply with an enhanced status code. */
    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, List.of(text));
    }

    /** A reply without enhanced status code. */
    public static SmtpReply plain(int code, String... lines) {
        return new SmtpReply(code, null, List.of(lines));
    }

    /** 2 for a positive completion, 3 intermediate, 4 transient failure, 5 permanent failure. */
    public int replyClass() {
        return code / 100;
    }

    public boolean positive() {
        return code < 400;
    }

    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f;
            if (bad && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '?' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
