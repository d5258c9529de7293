package io.mailserver.imap.command;

import java.util.Map;

/**
 * RFC 2971 ID.
 *
 * @param fields what the client says about itself (field names in lower case), empty for {@code ID NIL}
 */
public record IdCommand(String tag, Map<String, String> fields) implements ImapCommand {

    public IdCommand {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    @Override
    public String name() {
        return "ID";
    }
}
