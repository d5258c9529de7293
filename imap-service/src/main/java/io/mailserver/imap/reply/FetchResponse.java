package io.mailserver.imap.reply;

import java.util.List;

/**
 * A FETCH response whose items are all in memory (RFC 9051 §7.5.2). Section data that is streamed
 * is written around such items with {@link ResponseEncoder#fetchOpen} and friends instead.
 */
public record FetchResponse(long sequence, List<FetchItem> items) implements Response {
    public FetchResponse {
        items = List.copyOf(items);
    }
}
