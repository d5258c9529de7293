package io.mailserver.imap.handler;

import io.mailserver.imap.reply.FetchItem;
import io.mailserver.imap.reply.FlagsResponse;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.ServerCapabilities;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's flags as this session's client may see them. A FETCH may show no keyword missing
 * from the last FLAGS response (RFC 9051 §7.3.5), so a keyword that appears since SELECT (set by this
 * or any other session) is announced first with a new FLAGS and PERMANENTFLAGS; and \Recent, which
 * storage keeps per session rather than per message, is added for the messages this session claimed.
 */
final class SessionFlags {

    static final String RECENT = "\\Recent";

    static final List<String> SYSTEM_FLAGS = List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

    private SessionFlags() {
    }

    /** FLAGS and PERMANENTFLAGS for {@code keywords}, as SELECT sends them. */
    static void send(ImapSession session, Collection<String> keywords, boolean readOnly) {
        List<String> flags = new ArrayList<>(SYSTEM_FLAGS);
        flags.addAll(new TreeSet<>(keywords));
        session.send(new FlagsResponse(flags));
        List<String> permanent = new ArrayList<>();
        if (!readOnly) {
            permanent.addAll(flags);
            permanent.add("\\*");
        }
        session.send(StatusResponse.untagged(Status.OK, ResponseCode.list("PERMANENTFLAGS", permanent),
                readOnly ? "Read-only mailbox" : "Flags permitted"));
    }

    /**
     * The items of an untagged FETCH that reports a flag change (by STORE, an implicit \\Seen, or
     * another session): {@code UID u FLAGS (...)}, with {@code MODSEQ (m)} once CONDSTORE is on
     * (RFC 7162 §3.1: from then on every such response carries UID and MODSEQ).
     */
    static List<FetchItem> changeItems(ImapSession session, int uid, List<String> flags, long modseq,
            boolean withFlags) {
        List<FetchItem> items = new ArrayList<>(3);
        items.add(new FetchItem.Uid(uid));
        if (withFlags) {
            items.add(fetchItem(session, uid, flags));
        }
        if (session.enabled(ServerCapabilities.CONDSTORE)) {
            items.add(new FetchItem.Modseq(modseq));
        }
        return items;
    }

    /**
     * The FETCH item for message {@code uid} with the stored {@code flags}; announces any keyword
     * among them the client was not told of yet, so call it before sending the FETCH.
     */
    static FetchItem.Flags fetchItem(ImapSession session, int uid, List<String> flags) {
        announce(session, flags);
        if (session.selected() != null && session.selected().mailbox().recent().contains(uid)) {
            List<String> withRecent = new ArrayList<>(flags.size() + 1);
            withRecent.add(RECENT);
            withRecent.addAll(flags);
            return new FetchItem.Flags(withRecent);
        }
        return new FetchItem.Flags(flags);
    }

    private static boolean unknownKeyword(SelectedMailbox mailbox, Collection<String> flags) {
        for (String flag : flags) {
            if (!flag.startsWith("\\") && !mailbox.keywords().contains(flag)) {
                return true;
            }
        }
        return false;
    }

    private static void announce(ImapSession session, Collection<String> flags) {
        if (session.selected() == null) {
            return;
        }
        SelectedMailbox mailbox = session.selected().mailbox();
        if (!unknownKeyword(mailbox, flags)) {
            return;
        }
        Set<String> known = new TreeSet<>(mailbox.keywords());
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                known.add(flag);
            }
        }
        send(session, known, mailbox.readOnly());
        session.selectedMailbox(mailbox.withKeywords(known));
    }
}
