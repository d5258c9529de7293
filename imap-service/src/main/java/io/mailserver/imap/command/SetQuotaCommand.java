package io.mailserver.imap.command;

import java.util.Map;

/** RFC 9208 §4.1 SETQUOTA: parsed, and refused, since quotas are the operator's to set. */
public record SetQuotaCommand(String tag, String root, Map<String, Long> limits) implements ImapCommand {

    public SetQuotaCommand {
        limits = Map.copyOf(limits);
    }

    @Override
    public String name() {
        return "SETQUOTA";
    }
}
