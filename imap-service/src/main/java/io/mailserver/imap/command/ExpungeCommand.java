package io.mailserver.imap.command;

/**
 * RFC 9051 §6.4.3 EXPUNGE and §6.4.9 / RFC 4315 UID EXPUNGE.
 *
 * @param uids for UID EXPUNGE: only \Deleted messages with these UIDs go; null for EXPUNGE
 */
public record ExpungeCommand(String tag, SequenceSet uids) implements ImapCommand {

    public ExpungeCommand(String tag) {
        this(tag, null);
    }

    @Override
    public String name() {
        return uids == null ? "EXPUNGE" : "UID EXPUNGE";
    }
}
