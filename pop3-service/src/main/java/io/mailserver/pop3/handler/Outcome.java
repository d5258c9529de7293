package io.mailserver.pop3.handler;

import io.mailserver.pop3.reply.Pop3Reply;
import io.mailserver.pop3.session.Pop3State;

/** What a command decided: the reply, the next state, and what the connection does afterwards. */
public sealed interface Outcome {

    /** What happens after the reply is written. */
    enum After {
        /** Read the next command. */
        CONTINUE,
        /** Close the connection (QUIT, too many failures). */
        CLOSE,
        /** Drop buffered input and start the TLS handshake (RFC 2595 §4). */
        START_TLS
    }

    /**
     * A reply to write.
     *
     * @param next the state from now on; null keeps the current one
     */
    record Reply(Pop3Reply reply, Pop3State next, After after) implements Outcome {
    }

    /** A SASL challenge; the client's next line goes to {@code step}, not to the command parser. */
    record Challenge(Pop3Reply.Continuation prompt, SaslStep step) implements Outcome {
    }

    /** The handler already wrote its whole reply (a streamed RETR or TOP), or part of it before failing. */
    record Streamed(After after) implements Outcome {
    }

    static Outcome reply(Pop3Reply reply) {
        return new Reply(reply, null, After.CONTINUE);
    }

    static Outcome reply(Pop3Reply reply, Pop3State next) {
        return new Reply(reply, next, After.CONTINUE);
    }

    static Outcome close(Pop3Reply reply, Pop3State next) {
        return new Reply(reply, next, After.CLOSE);
    }
}
