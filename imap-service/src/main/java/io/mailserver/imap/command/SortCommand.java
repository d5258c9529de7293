package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 5256 SORT and UID SORT, with RFC 5957's DISPLAYFROM and DISPLAYTO.
 *
 * @param criteria at least one; later ones order what earlier ones leave equal
 * @param charset  the charset argument upper-cased (SORT has no default)
 * @param key      all search keys of the command, combined with AND
 */
public record SortCommand(String tag, List<Criterion> criteria, String charset, SearchKey key, boolean uid)
        implements ImapCommand {

    public enum Key {
        ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO, DISPLAYFROM, DISPLAYTO
    }

    public record Criterion(Key key, boolean reverse) {
    }

    public SortCommand {
        criteria = List.copyOf(criteria);
    }

    @Override
    public String name() {
        return uid ? "UID SORT" : "SORT";
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
