package io.mailserver.imap.command;

import io.mailserver.imap.codec.MessageLiteral;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * RFC 9051 §6.3.12 APPEND, as far as the command line goes before the message: the message octets
 * are still unread when this record exists, and the handler streams them on.
 *
 * @param mailbox      target mailbox, decoded from modified UTF-7
 * @param flags        flags to set, canonical case; empty when none were given
 * @param internalDate the INTERNALDATE asked for, or null for the time of arrival
 * @param message      the announced message literal
 */
public record AppendCommand(String tag, String mailbox, List<String> flags, OffsetDateTime internalDate,
        MessageLiteral message) implements ImapCommand {

    public AppendCommand {
        flags = List.copyOf(flags);
    }

    @Override
    public String name() {
        return "APPEND";
    }
}
