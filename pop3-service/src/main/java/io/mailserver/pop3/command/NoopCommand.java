package io.mailserver.pop3.command;

/** RFC 1939 §5 NOOP (no arguments). */
public record NoopCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.NOOP;
    }
}
