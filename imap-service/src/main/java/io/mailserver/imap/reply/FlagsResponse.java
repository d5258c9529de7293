package io.mailserver.imap.reply;

import java.util.List;

/** RFC 9051 §7.3.5 {@code * FLAGS (...)}. */
public record FlagsResponse(List<String> flags) implements Response {
    public FlagsResponse {
        flags = List.copyOf(flags);
    }
}
