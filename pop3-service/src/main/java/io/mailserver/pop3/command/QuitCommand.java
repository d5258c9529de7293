package io.mailserver.pop3.command;

/** RFC 1939 §5 and §6 QUIT (no arguments). */
public record QuitCommand() implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.QUIT;
    }
}
