package io.mailserver.imap.command;

import io.mailserver.imap.codec.MessageLiteral;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * RFC 9051 §6.3.12 APPEND, as far as the command line goes before the message: the message octets
 * are still unread when this record exists, and the handler streams them on.
 *
 * @param mailbox      target mailbox, as storage names it
 * @param flags        flags to set, canonical case; empty when none were given
 * @param internalDate the INTERNALDATE asked for, or null for the time of arrival
 * @param message      the announced message literal
 * @param utf8         the message came as RFC 9755's {@code UTF8 (literal8)}, closed by a ")" after it
 */
public record AppendCommand(String tag, String mailbox, List<String> flags, OffsetDateTime internalDate,
        MessageLiteral message, boolean utf8) implements ImapCommand {

    public AppendCommand {
        flags = List.copyOf(flags);
    }

    @Override
    public String name() {
        return "APPEND";
    }
}
