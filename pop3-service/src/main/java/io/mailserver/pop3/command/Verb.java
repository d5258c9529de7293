package io.mailserver.pop3.command;

import java.util.Locale;
import java.util.Optional;

/** The command keywords this server understands, case-insensitive on the wire (RFC 1939 §3). */
public enum Verb {
    USER, PASS, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT, TOP, UIDL, CAPA, STLS, AUTH;

    /** The verb for a keyword as the client sent it; empty for APOP and anything unknown. */
    public static Optional<Verb> of(String keyword) {
        // Keywords are three or four characters (RFC 1939 §3); anything else is not worth a lookup.
        if (keyword.length() < 3 || keyword.length() > 4) {
            return Optional.empty();
        }
        String upper = keyword.toUpperCase(Locale.ROOT);
        for (Verb verb : values()) {
            if (verb.name().equals(upper)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
