package io.mailserver.imap.command;

/**
 * RFC 9051 §6.3.9 LIST and RFC 3501 §6.3.9 LSUB.
 *
 * @param reference  reference name, already decoded from modified UTF-7
 * @param pattern    mailbox pattern with the wildcards {@code *} and {@code %}, decoded likewise
 * @param subscribed true for LSUB: only subscribed mailboxes
 */
public record ListCommand(String tag, String reference, String pattern, boolean subscribed) implements ImapCommand {
    @Override
    public String name() {
        return subscribed ? "LSUB" : "LIST";
    }
}
