package io.mailserver.imap.reply;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 2971 §3.2 {@code * ID (field value ...)}: what the server says about itself. */
public record IdResponse(Map<String, String> fields) implements Response {
    public IdResponse {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
