package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 9051 §6.3.11 STATUS.
 *
 * @param items the asked-for status data items in upper case, in the client's order, no repeats
 */
public record StatusCommand(String tag, String mailbox, List<String> items) implements ImapCommand {

    public StatusCommand {
        items = List.copyOf(items);
    }

    @Override
    public String name() {
        return "STATUS";
    }
}
