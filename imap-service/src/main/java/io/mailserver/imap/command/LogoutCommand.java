package io.mailserver.imap.command;

/** RFC 9051 §6.1.3 LOGOUT. */
public record LogoutCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "LOGOUT";
    }
}
