package io.mailserver.imap.command;

/**
 * RFC 5256 THREAD and UID THREAD.
 *
 * @param charset the charset argument upper-cased (THREAD has no default)
 * @param key     all search keys of the command, combined with AND
 */
public record ThreadCommand(String tag, Algorithm algorithm, String charset, SearchKey key, boolean uid)
        implements ImapCommand {

    public enum Algorithm {
        ORDEREDSUBJECT, REFERENCES
    }

    @Override
    public String name() {
        return uid ? "UID THREAD" : "THREAD";
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
