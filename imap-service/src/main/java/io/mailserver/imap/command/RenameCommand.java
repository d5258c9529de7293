package io.mailserver.imap.command;

/** RFC 9051 §6.3.6 RENAME; both names decoded from modified UTF-7. */
public record RenameCommand(String tag, String mailbox, String newName) implements ImapCommand {
    @Override
    public String name() {
        return "RENAME";
    }
}
