package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 9051 §6.3.1 / RFC 5161 ENABLE.
 *
 * @param capabilities the capability names asked for, in upper case
 */
public record EnableCommand(String tag, List<String> capabilities) implements ImapCommand {

    public EnableCommand {
        capabilities = List.copyOf(capabilities);
    }

    @Override
    public String name() {
        return "ENABLE";
    }
}
