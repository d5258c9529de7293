package io.mailserver.imap.command;

/** RFC 3501 §6.4.1 CHECK: a NOOP in the selected state, since every change is already durable. */
public record CheckCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "CHECK";
    }
}
