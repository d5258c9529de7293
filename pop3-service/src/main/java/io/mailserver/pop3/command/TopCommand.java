package io.mailserver.pop3.command;

/** RFC 1939 §7 TOP msg n: the header and the first {@code lines} lines of the body. */
public record TopCommand(int message, long lines) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.TOP;
    }
}
