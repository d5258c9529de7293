package io.mailserver.imap.command;

/**
 * RFC 9051 §6.3.2 SELECT and §6.3.3 EXAMINE.
 *
 * @param mailbox  mailbox name, decoded from modified UTF-7
 * @param readOnly  true for EXAMINE
 * @param condstore the RFC 7162 {@code (CONDSTORE)} parameter: turns CONDSTORE on for the session
 * @param qresync   the RFC 7162 {@code QRESYNC} parameter, or null
 */
public record SelectCommand(String tag, String mailbox, boolean readOnly, boolean condstore,
        QresyncParameters qresync) implements ImapCommand {

    @Override
    public String name() {
        return readOnly ? "EXAMINE" : "SELECT";
    }
}
