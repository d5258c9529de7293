package io.mailserver.imap.client;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One message of an APPEND, before its octets: where it goes, its flags and internal date (null:
 * now), and its size.
 */
public record MessageToAppend(long accountId, String mailbox, List<String> flags, OffsetDateTime internalDate,
        long size) {

    public MessageToAppend {
        flags = List.copyOf(flags);
    }
}
