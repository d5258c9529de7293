package io.mailserver.imap.client;

import io.mailserver.imap.session.MessageNumbers;

/** The UIDs an EXPUNGE removed, and the mailbox's mod-sequence after it. */
public record ExpungeResult(MessageNumbers expunged, long highestModseq) {
}
