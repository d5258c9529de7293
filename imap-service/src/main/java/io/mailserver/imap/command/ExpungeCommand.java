package io.mailserver.imap.command;

/** RFC 9051 §6.4.3 EXPUNGE. */
public record ExpungeCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "EXPUNGE";
    }
}
