package io.mailserver.imap.reply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9208 §5.1 {@code * QUOTA root (resource usage limit ...)}.
 *
 * @param resources resource name to {usage, limit}, in the order to show them
 */
public record QuotaResponse(String root, Map<String, long[]> resources) implements Response {
    public QuotaResponse {
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }
}
