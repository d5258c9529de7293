package io.mailserver.smtp.handler;

import io.mailserver.smtp.session.SmtpState;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Whether a message needs SMTPUTF8 at the next hop (RFC 6531 §3.2): it came with SMTPUTF8 and has a
 * UTF-8 address in its envelope or an 8-bit octet in its header section. One that came with it but
 * needs none of it can travel to any server.
 */
final class Utf8Requirement {

    private Utf8Requirement() {
    }

    static boolean of(SmtpState.MailTransaction transaction, List<Buffer> parts) {
        if (!transaction.parameters().smtputf8()) {
            return false;
        }
        if (transaction.sender().map(a -> !a.isAscii()).orElse(false)
                || transaction.recipients().stream().anyMatch(r -> !r.address().isAscii())) {
            return true;
        }
        return eightBitHeader(parts);
    }

    /** Whether an octet over 127 comes before the empty line that ends the header section. */
    static boolean eightBitHeader(List<Buffer> parts) {
        // the last octets seen, to find CR LF CR LF across part boundaries
        int tail = 0;
        for (Buffer part : parts) {
            for (int i = 0; i < part.length(); i++) {
                byte b = part.getByte(i);
                if (b < 0) {
                    return true;
                }
                tail = (tail << 8) | (b & 0xff);
                if (tail == 0x0d0a0d0a) {
                    return false;
                }
            }
        }
        return false;
    }
}
