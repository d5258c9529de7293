package io.mailserver.smtp.handler;

import io.mailserver.smtp.mailauth.MessageBytes;
import io.mailserver.smtp.mailauth.RawMessage;
import io.mailserver.smtp.outbound.tls.TlsRequirement;
import io.mailserver.smtp.session.SmtpState;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a message needs of the next hop to travel as it is, since it is never downgraded: SMTPUTF8
 * (RFC 6531 §3.2) when it came with SMTPUTF8 and has a UTF-8 address in its envelope or an 8-bit
 * octet in its header section (one that came with it but needs none of it can go anywhere), and
 * 8BITMIME (RFC 6152) when any octet is over 127; and what its sender asked of TLS (RFC 8689).
 */
final class TransportNeeds {

    private TransportNeeds() {
    }

    /**
     * Whether the queued copy's header section needs SMTPUTF8; its addresses are judged per
     * destination when it is delivered (a UTF-8 recipient at one domain does not hold back the copy
     * to another).
     */
    static boolean utf8Header(SmtpState.MailTransaction transaction, List<Buffer> parts) {
        return transaction.parameters().smtputf8() && eightBitHeader(parts);
    }

    /** Whether anything of the transaction (its addresses, its header) needs SMTPUTF8: so does a report about it. */
    static boolean smtputf8(SmtpState.MailTransaction transaction, List<Buffer> parts) {
        if (!transaction.parameters().smtputf8()) {
            return false;
        }
        if (transaction.sender().map(a -> !a.isAscii()).orElse(false)
                || transaction.recipients().stream().anyMatch(r -> !r.address().isAscii())) {
            return true;
        }
        return eightBitHeader(parts);
    }

    /** Whether the message needs 8BITMIME: any octet over 127. */
    static boolean eightBit(List<Buffer> parts) {
        return MessageBytes.eightBit(parts);
    }

    /**
     * RFC 8689 §4.1: REQUIRETLS on MAIL, else {@code TLS-Required: No} (when the header has the field,
     * every instance of it says No: a sender's intent is not guessed from a contradiction), else our
     * own rules.
     */
    static TlsRequirement tlsRequirement(boolean requireTlsOnMail, List<Buffer> parts) {
        if (requireTlsOnMail) {
            return TlsRequirement.REQUIRED;
        }
        List<String> values = RawMessage.parse(headerSection(parts)).headers().stream().filter(h -> h.is("tls-required"))
                .map(h -> new String(h.value(), StandardCharsets.ISO_8859_1).strip()).toList();
        return !values.isEmpty() && values.stream().allMatch(v -> v.equalsIgnoreCase("no"))
                ? TlsRequirement.OPTIONAL : TlsRequirement.DEFAULT;
    }

    /** The header section, its empty line included; at most {@value #MAX_HEADER} octets of one without an end. */
    private static byte[] headerSection(List<Buffer> parts) {
        long bodyStart = MessageBytes.bodyStart(parts, MAX_HEADER);
        return MessageBytes.of(parts, bodyStart >= 0 ? bodyStart : MAX_HEADER);
    }

    private static final int MAX_HEADER = 256 * 1024;

    /** Whether an octet over 127 comes before the empty line that ends the header section. */
    static boolean eightBitHeader(List<Buffer> parts) {
        long bodyStart = MessageBytes.bodyStart(parts, Long.MAX_VALUE);
        return MessageBytes.eightBit(parts, bodyStart < 0 ? Long.MAX_VALUE : bodyStart);
    }
}
