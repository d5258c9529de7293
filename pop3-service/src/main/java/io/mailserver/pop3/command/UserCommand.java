package io.mailserver.pop3.command;

/** RFC 1939 §7 USER name. */
public record UserCommand(String name) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.USER;
    }
}
