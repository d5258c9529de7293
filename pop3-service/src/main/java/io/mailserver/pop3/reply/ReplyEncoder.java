package io.mailserver.pop3.reply;

import io.mailserver.protocol.lines.DotStuffingEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Turns a {@link Pop3Reply} into the bytes sent to the client. */
public final class ReplyEncoder {

    private static final String CRLF = "\r\n";

    private ReplyEncoder() {
    }

    public static Buffer encode(Pop3Reply reply) {
        if (reply instanceof Pop3Reply.Ok ok) {
            return ascii(statusLine("+OK", ok.text()));
        }
        if (reply instanceof Pop3Reply.Err err) {
            String text = err.code() == null ? err.text() : "[" + err.code().text() + "] " + err.text();
            return ascii(statusLine("-ERR", text));
        }
        if (reply instanceof Pop3Reply.Continuation continuation) {
            // RFC 5034 §4: "+" and a space even when the challenge is empty.
            return ascii("+ " + clean(continuation.challenge()) + CRLF);
        }
        Pop3Reply.MultiLine multi = (Pop3Reply.MultiLine) reply;
        Buffer out = ascii(statusLine("+OK", multi.text()));
        DotStuffingEncoder stuffing = new DotStuffingEncoder();
        for (String line : multi.lines()) {
            out.appendBuffer(stuffing.encode(Buffer.buffer(clean(line) + CRLF, StandardCharsets.UTF_8.name())));
        }
        return out.appendBuffer(stuffing.finish());
    }

    private static String statusLine(String indicator, String text) {
        String cleaned = clean(text);
        return cleaned.isEmpty() ? indicator + CRLF : indicator + " " + cleaned + CRLF;
    }

    /** Replaces CR, LF and other controls: a status text must stay on its one line. */
    private static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(' ');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static Buffer ascii(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
