package io.mailserver.imap.command;

import java.util.Set;

/**
 * RFC 9051 §6.4.4 SEARCH and UID SEARCH.
 *
 * @param charset the CHARSET argument upper-cased, or null when absent
 * @param key     all search keys of the command, combined with AND
 * @param returns RFC 4731 ESEARCH {@code RETURN (...)} options ({@code RETURN ()} is ALL), or null for
 *                a classic {@code * SEARCH} answer; with SAVE alone there is no untagged answer
 */
public record SearchCommand(String tag, String charset, SearchKey key, boolean uid, Set<ReturnOption> returns)
        implements ImapCommand {

    /** RFC 4731's options, and RFC 5182's SAVE, which keeps the result for {@code $}. */
    public enum ReturnOption {
        MIN, MAX, ALL, COUNT, SAVE
    }

    public SearchCommand {
        returns = returns == null ? null : Set.copyOf(returns);
    }

    public SearchCommand(String tag, String charset, SearchKey key, boolean uid) {
        this(tag, charset, key, uid, null);
    }
    @Override
    public String name() {
        return uid ? "UID SEARCH" : "SEARCH";
    }

    @Override
    public boolean allowsExpungeResponses() {
        return false;
    }

    @Override
    public boolean onlyReads() {
        return true;
    }
}
