package io.mailserver.imap.command;

/** RFC 9051 §6.2.3 LOGIN. {@link #toString()} hides the password so it can never reach a log. */
public record LoginCommand(String tag, String user, String password) implements ImapCommand {
    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public String toString() {
        return "LoginCommand[tag=" + tag + ", user=" + user + "]";
    }
}
