package io.mailserver.pop3.command;

/** RFC 1939 §7 PASS string; the secret may contain spaces and is never printed. */
public record PassCommand(String secret) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.PASS;
    }

    @Override
    public String toString() {
        return "PassCommand[secret=***]";
    }
}
