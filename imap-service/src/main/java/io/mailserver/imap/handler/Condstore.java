package io.mailserver.imap.handler;

import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.ServerCapabilities;

/**
 * RFC 7162 §3.1: a CONDSTORE enabling command (FETCH MODSEQ or CHANGEDSINCE, STORE UNCHANGEDSINCE,
 * SEARCH MODSEQ, STATUS HIGHESTMODSEQ) turns CONDSTORE on for the rest of the session, and the first
 * one run with a mailbox selected also tells the client that mailbox's HIGHESTMODSEQ, which a
 * SELECT would have told it.
 */
final class Condstore {

    private Condstore() {
    }

    static void turnOn(ImapSession session) {
        if (session.enable(ServerCapabilities.CONDSTORE) && session.selected() != null) {
            session.send(StatusResponse.untagged(Status.OK,
                    ResponseCode.number("HIGHESTMODSEQ", session.selected().mailbox().highestModseq()), "Highest"));
        }
    }
}
