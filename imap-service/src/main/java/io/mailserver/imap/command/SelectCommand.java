package io.mailserver.imap.command;

/**
 * RFC 9051 §6.3.2 SELECT and §6.3.3 EXAMINE.
 *
 * @param mailbox  mailbox name, decoded from modified UTF-7
 * @param readOnly true for EXAMINE
 */
public record SelectCommand(String tag, String mailbox, boolean readOnly) implements ImapCommand {
    @Override
    public String name() {
        return readOnly ? "EXAMINE" : "SELECT";
    }
}
