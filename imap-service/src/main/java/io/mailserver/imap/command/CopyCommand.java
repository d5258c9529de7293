package io.mailserver.imap.command;

/**
 * RFC 9051 §6.4.7 COPY and §6.4.8 / RFC 6851 MOVE, and their UID forms (§6.4.9).
 *
 * @param messages message sequence numbers, or UIDs when {@code uid}
 * @param mailbox  target mailbox name, decoded from modified UTF-7
 * @param move     true for MOVE: the messages leave the selected mailbox
 */
public record CopyCommand(String tag, SequenceSet messages, String mailbox, boolean uid, boolean move)
        implements ImapCommand {
    @Override
    public String name() {
        return (uid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }
}
