package io.mailserver.imap.handler;

import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.ResponseCode;

/** What SORT and THREAD share with SEARCH before asking storage: the charsets understood. */
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
}
