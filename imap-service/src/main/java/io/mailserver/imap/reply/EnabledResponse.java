package io.mailserver.imap.reply;

import java.util.List;

/** RFC 5161 §3.2 {@code * ENABLED}: the capabilities this ENABLE turned on, maybe none. */
public record EnabledResponse(List<String> capabilities) implements Response {
    public EnabledResponse {
        capabilities = List.copyOf(capabilities);
    }
}
