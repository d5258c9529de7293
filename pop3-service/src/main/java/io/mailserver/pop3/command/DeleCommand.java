package io.mailserver.pop3.command;

/** RFC 1939 §5 DELE msg. */
public record DeleCommand(int message) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.DELE;
    }
}
