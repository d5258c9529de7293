package io.mailserver.imap.command;

/**
 * RFC 9051 §6.4.4 SEARCH and UID SEARCH.
 *
 * @param charset the CHARSET argument upper-cased, or null when absent
 * @param key     all search keys of the command, combined with AND
 */
public record SearchCommand(String tag, String charset, SearchKey key, boolean uid) implements ImapCommand {
    @Override
    public String name() {
        return uid ? "UID SEARCH" : "SEARCH";
    }

    @Override
    public boolean allowsExpungeResponses() {
        return false;
    }
}
