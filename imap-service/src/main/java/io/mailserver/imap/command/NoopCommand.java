package io.mailserver.imap.command;

/** RFC 9051 §6.1.2 NOOP: does nothing but lets the server report mailbox changes. */
public record NoopCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "NOOP";
    }
}
