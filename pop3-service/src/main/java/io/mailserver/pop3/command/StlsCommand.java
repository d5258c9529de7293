package io.mailserver.pop3.command;

/** RFC 2595 §4 STLS (no arguments). */
public record StlsCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.STLS;
    }
}
