package io.mailserver.imap.reply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9051 §7.3.4 {@code * STATUS mailbox (item value ...)}.
 *
 * @param mailbox the name in UTF-8; encoded to modified UTF-7 on the wire
 * @param items   status items and their numbers, in the order asked for
 */
public record MailboxStatusResponse(String mailbox, Map<String, Long> items) implements Response {
    public MailboxStatusResponse {
        items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }
}
