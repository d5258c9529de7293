package io.mailserver.imap.client;

import io.mailserver.imap.command.SequenceSet;
import io.mailserver.imap.session.MessageNumbers;
import java.util.BitSet;
import java.util.List;

/**
 * The messages a search matched, as UID ranges (a large match stays small), and the highest
 * mod-sequence among them (RFC 7162 §3.1.5).
 */
public record SearchResult(List<SequenceSet.Range> uids, long highestModseq) {

    public SearchResult {
        uids = List.copyOf(uids);
    }

    /** The positions in {@code numbers} of the matches: only messages the session knows. */
    public BitSet known(MessageNumbers numbers) {
        return uids.isEmpty() ? new BitSet() : numbers.byUid(new SequenceSet(uids));
    }
}
