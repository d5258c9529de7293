package io.mailserver.pop3.command;

/** RFC 1939 §5 RSET (no arguments). */
public record RsetCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.RSET;
    }
}
