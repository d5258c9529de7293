package io.mailserver.pop3.command;

import java.util.OptionalInt;

/** RFC 1939 §7 UIDL [msg]: one message, or every message when {@code message} is empty. */
public record UidlCommand(OptionalInt message) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.UIDL;
    }
}
