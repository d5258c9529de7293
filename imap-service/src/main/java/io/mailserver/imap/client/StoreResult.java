package io.mailserver.imap.client;

import io.mailserver.imap.session.MessageNumbers;
import java.util.List;

/**
 * The outcome of STORE.
 *
 * @param messages    the flags of every message the STORE reached, changed or not
 * @param notStored   the UIDs left alone because they changed after UNCHANGEDSINCE (RFC 7162 MODIFIED)
 */
public record StoreResult(List<FlagState> messages, MessageNumbers notStored, long highestModseq) {

    public StoreResult {
        messages = List.copyOf(messages);
    }
}
