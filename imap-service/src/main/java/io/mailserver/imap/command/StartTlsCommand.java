package io.mailserver.imap.command;

/** RFC 9051 §6.2.1 STARTTLS. */
public record StartTlsCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "STARTTLS";
    }
}
