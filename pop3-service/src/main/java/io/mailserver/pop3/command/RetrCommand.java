package io.mailserver.pop3.command;

/** RFC 1939 §5 RETR msg. */
public record RetrCommand(int message) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.RETR;
    }
}
