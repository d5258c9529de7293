package io.mailserver.imap.command;

/** RFC 9051 §6.3.5 DELETE. */
public record DeleteCommand(String tag, String mailbox) implements ImapCommand {
    @Override
    public String name() {
        return "DELETE";
    }
}
