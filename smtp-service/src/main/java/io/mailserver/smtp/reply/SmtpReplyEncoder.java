package io.mailserver.smtp.reply;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes replies as RFC 5321 §4.2.1 lays them out: every line but the last has a hyphen after the
 * code, the last a space; the enhanced status code is repeated on every line (RFC 2034 §4).
 */
public final class SmtpReplyEncoder {

    private SmtpReplyEncoder() {
    }

    public static Buffer encode(SmtpReply reply) {
        return Buffer.buffer(toText(reply).getBytes(StandardCharsets.UTF_8));
    }

    /** The reply as it goes on the wire, CRLFs included. */
    public static String toText(SmtpReply reply) {
        StringBuilder out = new StringBuilder(64);
        List<String> lines = reply.lines();
        for (int i = 0; i < lines.size(); i++) {
            out.append(reply.code()).append(i == lines.size() - 1 ? ' ' : '-');
            if (reply.enhanced() != null) {
                out.append(reply.enhanced());
                if (!lines.get(i).isEmpty()) {
                    out.append(' ');
                }
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }
}
