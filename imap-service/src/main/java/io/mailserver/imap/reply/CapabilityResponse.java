package io.mailserver.imap.reply;

import java.util.List;

/** RFC 9051 §7.2.2 {@code * CAPABILITY ...}. */
public record CapabilityResponse(List<String> capabilities) implements Response {
    public CapabilityResponse {
        capabilities = List.copyOf(capabilities);
    }
}
