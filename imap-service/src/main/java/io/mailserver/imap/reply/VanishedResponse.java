package io.mailserver.imap.reply;

/**
 * RFC 7162 §3.2.10 {@code * VANISHED [(EARLIER)] uid-set}: messages gone by UID, for a session with
 * QRESYNC on. EARLIER marks expunges from before this session knew the mailbox (SELECT QRESYNC,
 * UID FETCH VANISHED), which do not change sequence numbers.
 */
public record VanishedResponse(boolean earlier, String uids) implements Response {
}
