package io.mailserver.imap.command;

/** RFC 9051 §6.1.1 CAPABILITY. */
public record CapabilityCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "CAPABILITY";
    }
}
