package io.mailserver.imap.command;

/**
 * RFC 9051 §6.3.4 CREATE, with the RFC 6154 §3 {@code USE} parameter.
 *
 * @param mailbox    mailbox name, decoded from modified UTF-7
 * @param specialUse the special-use attribute asked for ({@code \Sent}, ...), or null
 */
public record CreateCommand(String tag, String mailbox, String specialUse) implements ImapCommand {
    @Override
    public String name() {
        return "CREATE";
    }
}
