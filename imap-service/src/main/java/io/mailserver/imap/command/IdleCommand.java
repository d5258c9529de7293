package io.mailserver.imap.command;

/** RFC 9051 §6.3.13 / RFC 2177 IDLE. */
public record IdleCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "IDLE";
    }
}
