package io.mailserver.imap.reply;

import java.util.List;

/** RFC 9208 §5.2 {@code * QUOTAROOT mailbox root ...}; {@code mailbox} in UTF-8, sent as modified UTF-7. */
public record QuotaRootResponse(String mailbox, List<String> roots) implements Response {
    public QuotaRootResponse {
        roots = List.copyOf(roots);
    }
}
