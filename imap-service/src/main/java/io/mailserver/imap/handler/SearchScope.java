package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.SearchKeyList;
import io.mailserver.imap.command.SearchKey;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.session.SelectedMailbox;
import java.util.BitSet;

/**
 * What SORT and THREAD share with SEARCH before asking storage: the charsets understood, and the
 * search key in the storage contract, narrowed to the messages the session knows, so that no
 * message the client has not been told of yet (by EXISTS) turns up in an answer.
 */
final class SearchScope {

    private SearchScope() {
    }

    /** {@code NO [BADCHARSET (...)]} for a charset we cannot search in, else null. */
    static Completion refusedCharset(String charset) {
        if (charset == null || SearchHandler.CHARSETS.contains(charset)) {
            return null;
        }
        return Completion.no(ResponseCode.list("BADCHARSET", SearchHandler.CHARSETS), "Unsupported charset");
    }

    static io.mailserver.contracts.storage.v1.SearchKey knownMessages(SearchKey key, SelectedMailbox mailbox) {
        var matching = SearchHandler.toContract(key, mailbox);
        BitSet all = new BitSet();
        all.set(0, mailbox.messages().size());
        var known = SearchHandler.uids(mailbox.messages(), all);
        return io.mailserver.contracts.storage.v1.SearchKey.newBuilder()
                .setAllOf(SearchKeyList.newBuilder().addKeys(matching).addKeys(known))
                .build();
    }
}
