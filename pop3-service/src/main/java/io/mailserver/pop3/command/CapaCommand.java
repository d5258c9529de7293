package io.mailserver.pop3.command;

/** RFC 2449 §5 CAPA (no arguments). */
public record CapaCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.CAPA;
    }
}
