package io.mailserver.pop3.reply;

import java.util.List;

/** A whole response to one command, before encoding. */
public sealed interface Pop3Reply {

    /** "+OK text". */
    record Ok(String text) implements Pop3Reply {
    }

    /** "-ERR [code] text"; {@code code} may be null. */
    record Err(ResponseCode code, String text) implements Pop3Reply {
    }

    /** "+OK text", the lines (dot-stuffed), then "." (RFC 1939 §3). */
    record MultiLine(String text, List<String> lines) implements Pop3Reply {
        public MultiLine {
            lines = List.copyOf(lines);
        }
    }

    /** "+ challenge" asking for the next SASL response (RFC 5034 §4). */
    record Continuation(String challenge) implements Pop3Reply {
    }

    static Ok ok(String text) {
        return new Ok(text);
    }

    static Err err(String text) {
        return new Err(null, text);
    }

    static Err err(ResponseCode code, String text) {
        return new Err(code, text);
    }
}
