package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.ChangesSinceResponse;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.MessageFlags;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.QresyncParameters;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.FetchResponse;
import io.mailserver.imap.reply.ListResponse;
import io.mailserver.imap.reply.NumberedResponse;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.ServerCapabilities;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * RFC 9051 §6.3.2 SELECT and §6.3.3 EXAMINE, answered as IMAP4rev1 clients expect (with
 * {@code n RECENT} and {@code [UNSEEN n]}, RFC 3501 §6.3.1), from one SelectMailbox call that also
 * returns every UID, so the session numbers the messages without asking again. SELECT takes the
 * \Recent messages nobody took before; EXAMINE leaves them (RFC 3501 §6.3.2).
 */
@Singleton
public class SelectHandler implements CommandHandler<SelectCommand> {

    private final StorageClient storage;

    public SelectHandler(StorageClient storage) {
        this.storage = storage;
    }

    @Override
    public Class<SelectCommand> command() {
        return SelectCommand.class;
    }

    @Override
    public Set<Class<? extends SessionState>> states() {
        return AUTHENTICATED;
    }

    @Override
    public Uni<Completion> handle(SelectCommand command, ImapSession session) {
        var account = session.account();
        // the current mailbox is deselected even if the new one cannot be selected (RFC 9051 §6.3.2)
        if (command.qresync() != null && !session.enabled(ServerCapabilities.QRESYNC)) {
            return Uni.createFrom().item(Completion.bad("QRESYNC is not enabled"));
        }
        if (session.selected() != null) {
            session.state(new SessionState.Authenticated(account));
            if (session.enabled(ServerCapabilities.QRESYNC) || session.rev2()) {
                // RFC 7162 §3.2.11, RFC 9051 §7.1: marks where the old mailbox's responses end
                session.send(StatusResponse.untagged(Status.OK, ResponseCode.CLOSED, "Previous mailbox closed"));
            }
        }
        if (command.condstore()) {
            session.enable(ServerCapabilities.CONDSTORE);
        }
        Completion done = Completion.ok(command.readOnly() ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE,
                command.name() + " completed");
        // \Recent is not part of IMAP4rev2: a rev2 session leaves new messages recent for rev1 sessions
        boolean claimRecent = !command.readOnly() && !session.rev2();
        return session.onContext(storage.selectMailbox(account.getAccountId(), command.mailbox(), claimRecent))
                .flatMap(snapshot -> {
                    selected(session, command, snapshot);
                    QresyncParameters qresync = command.qresync();
                    if (qresync == null
                            || qresync.uidValidity() != Integer.toUnsignedLong(snapshot.getMailbox().getUidValidity())) {
                        return Uni.createFrom().item(done);
                    }
                    return session.onContext(storage.changesSince(
                                    StorageClient.mailbox(account.getAccountId(), snapshot.getMailbox().getMailboxId()),
                                    qresync.modseq(), false))
                            .map(changes -> {
                                resynchronize(session, qresync, changes);
                                return done;
                            });
                });
    }

    /**
     * RFC 7162 §3.2.5: what changed since the client's mod-sequence, as part of the SELECT answer:
     * {@code VANISHED (EARLIER)} for the UIDs it knew that are gone, then a FETCH with UID, FLAGS and
     * MODSEQ for every message changed since. Messages that arrived after the snapshot are left to
     * the usual report after the command.
     */
    private static void resynchronize(ImapSession session, QresyncParameters qresync, ChangesSinceResponse changes) {
        SelectedMailbox mailbox = session.selected().mailbox();
        MessageNumbers numbers = mailbox.messages();
        MailboxUpdates.reportVanishedEarlier(session, changes.getExpunged(), uid -> qresync.knownUids() == null
                || qresync.knownUids().contains(uid, MailboxUpdates.LARGEST_UID));
        for (MessageFlags message : changes.getChangedList()) {
            int sequence = numbers.sequenceOf(message.getUid());
            if (sequence > 0 && message.getModseq() > qresync.modseq()) {
                session.send(new FetchResponse(sequence, SessionFlags.changeItems(session, message.getUid(),
                        message.getFlagsList(), message.getModseq(), true)));
            }
        }
    }

    private static void selected(ImapSession session, SelectCommand command, MailboxSnapshot snapshot) {
        session.lastChangesCheck(System.nanoTime()); // the snapshot is as fresh as any report
        Mailbox mailbox = snapshot.getMailbox();
        MessageNumbers numbers = MessageNumbers.of(snapshot.getUids());
        SessionFlags.send(session, snapshot.getKeywordsList(), command.readOnly());
        session.send(new NumberedResponse(numbers.size(), NumberedResponse.Kind.EXISTS));
        // EXAMINE shows messages nobody claimed as \Recent (RFC 3501); rev2 has no \Recent at all
        MessageNumbers recent = session.rev2() ? MessageNumbers.EMPTY : recent(snapshot);
        if (session.rev2()) {
            // RFC 9051 §6.3.2: the mailbox's name as the server spells it, with accurate attributes
            String use = SpecialUses.attribute(mailbox.getSpecialUse());
            session.send(new ListResponse("LIST", use == null ? List.of() : List.of(use), "/", mailbox.getName(),
                    List.of()));
        } else {
            session.send(new NumberedResponse(recent.size(), NumberedResponse.Kind.RECENT));
        }
        if (snapshot.getFirstUnseenUid() != 0 && !session.rev2()) {
            int sequence = numbers.sequenceOf(snapshot.getFirstUnseenUid());
            if (sequence > 0) {
                session.send(StatusResponse.untagged(Status.OK, ResponseCode.number("UNSEEN", sequence),
                        "First unseen message"));
            }
        }
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("UIDVALIDITY", Integer.toUnsignedLong(mailbox.getUidValidity())), "UIDs valid"));
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("UIDNEXT", Integer.toUnsignedLong(mailbox.getUidNext())), "Predicted next UID"));
        // RFC 7162 §3.1.1: every SELECT of a server keeping mod-sequences says the highest one
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("HIGHESTMODSEQ", mailbox.getHighestModseq()), "Highest"));
        session.send(StatusResponse.untagged(Status.OK, ResponseCode.mailboxId(mailbox.getMailboxId()), "Ok"));
        session.state(new SessionState.Selected(session.account(),
                new SelectedMailbox(mailbox.getMailboxId(), mailbox.getName(), command.readOnly(),
                        mailbox.getUidValidity(), numbers, mailbox.getHighestModseq(), MessageNumbers.EMPTY,
                        Set.copyOf(snapshot.getKeywordsList()), recent, MessageNumbers.EMPTY)));
    }

    /** The snapshot's UIDs storage gave this session as \Recent: all from the first claimed one up. */
    private static MessageNumbers recent(MailboxSnapshot snapshot) {
        if (snapshot.getFirstRecentUid() == 0) {
            return MessageNumbers.EMPTY;
        }
        UidSet.Builder claimed = UidSet.newBuilder();
        for (UidRange range : snapshot.getUids().getRangesList()) {
            if (Integer.compareUnsigned(range.getLast(), snapshot.getFirstRecentUid()) >= 0) {
                int first = Integer.compareUnsigned(range.getFirst(), snapshot.getFirstRecentUid()) >= 0
                        ? range.getFirst() : snapshot.getFirstRecentUid();
                claimed.addRanges(UidRange.newBuilder().setFirst(first).setLast(range.getLast()));
            }
        }
        return MessageNumbers.of(claimed.build());
    }
}
