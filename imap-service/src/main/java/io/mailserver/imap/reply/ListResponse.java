package io.mailserver.imap.reply;

import java.util.List;

/**
 * RFC 9051 §7.3.1 {@code * LIST} (and RFC 3501 §7.2.3 {@code * LSUB}).
 *
 * @param mailbox   the name in UTF-8 as storage keeps it; encoded to modified UTF-7 on the wire
 * @param childInfo RFC 5258 §3.5 {@code CHILDINFO} items (the selection options a descendant meets),
 *                  empty when there are none to report
 */
public record ListResponse(String command, List<String> attributes, String delimiter, String mailbox,
        List<String> childInfo) implements Response {

    public ListResponse {
        attributes = List.copyOf(attributes);
        childInfo = List.copyOf(childInfo);
    }

    public ListResponse(String command, List<String> attributes, String delimiter, String mailbox) {
        this(command, attributes, delimiter, mailbox, List.of());
    }
}
