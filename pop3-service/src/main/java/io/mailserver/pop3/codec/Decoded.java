package io.mailserver.pop3.codec;

import io.mailserver.pop3.command.Pop3Command;

/** What the decoder made of the input so far. */
public sealed interface Decoded {

    /** No complete line yet. */
    enum NeedMore implements Decoded {
        INSTANCE
    }

    /** A well-formed command. */
    record Command(Pop3Command command) implements Decoded {
    }

    /** A line that is no valid command; {@code reason} is safe to send after "-ERR". */
    record Malformed(String reason) implements Decoded {
    }

    /** A line longer than the limit ended; its content was dropped. */
    record TooLong(long length) implements Decoded {
    }

    /** A client line during a SASL exchange (RFC 5034 §4): base64 text or "*". Never printed. */
    record SaslResponse(String text) implements Decoded {
        @Override
        public String toString() {
            return "SaslResponse[***]";
        }
    }
}
