package io.mailserver.imap.command;

/** RFC 9051 §6.3.10 / RFC 2342 NAMESPACE. */
public record NamespaceCommand(String tag) implements ImapCommand {
    @Override
    public String name() {
        return "NAMESPACE";
    }
}
