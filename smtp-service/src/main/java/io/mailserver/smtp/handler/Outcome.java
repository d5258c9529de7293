package io.mailserver.smtp.handler;

import io.mailserver.smtp.reply.SmtpReply;
import io.mailserver.smtp.session.SmtpState;

/**
 * What handling one command (or the end of DATA) decided: the next state, the reply, and what the
 * connection does after writing it. The reply is null only for a BDAT whose octets come next: its
 * reply follows them (RFC 3030 §2).
 */
public record Outcome(SmtpState next, SmtpReply reply, After after) {

    public enum After {
        /** Read the next command (or, when {@code next} reads data, the message content). */
        CONTINUE,
        /** Discard buffered input and start the TLS handshake (RFC 3207 §4.2). */
        START_TLS,
        /** Close the connection once the reply is written. */
        CLOSE
    }

    public static Outcome of(SmtpState next, SmtpReply reply) {
        return new Outcome(next, reply, After.CONTINUE);
    }

    /** No reply yet: the state reads the octets the reply waits for. */
    public static Outcome awaitingOctets(SmtpState.ReceivingChunk next) {
        return new Outcome(next, null, After.CONTINUE);
    }
}
