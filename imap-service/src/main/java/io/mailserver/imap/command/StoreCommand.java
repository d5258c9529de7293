package io.mailserver.imap.command;

import java.util.List;

/**
 * RFC 9051 §6.4.6 STORE and UID STORE.
 *
 * @param mode   FLAGS (replace), +FLAGS (add) or -FLAGS (remove)
 * @param silent the .SILENT form: no untagged FETCH for the changed messages
 * @param flags  system flags in their canonical case ({@code \Seen}) and keywords as sent
 * @param unchangedSince RFC 7162 UNCHANGEDSINCE: only messages whose mod-sequence is not greater;
 *                       -1 when absent
 */
public record StoreCommand(String tag, SequenceSet messages, Mode mode, boolean silent, List<String> flags,
        boolean uid, long unchangedSince) implements ImapCommand {


    public enum Mode {
        REPLACE, ADD, REMOVE
    }

    public StoreCommand {
        flags = List.copyOf(flags);
    }

    @Override
    public String name() {
        return uid ? "UID STORE" : "STORE";
    }

    @Override
    public boolean allowsExpungeResponses() {
        return false;
    }
}
