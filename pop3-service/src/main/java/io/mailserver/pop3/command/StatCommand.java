package io.mailserver.pop3.command;

/** RFC 1939 §5 STAT (no arguments). */
public record StatCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.STAT;
    }
}
