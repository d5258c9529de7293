package io.mailserver.imap.handler;

import io.mailserver.imap.client.FlagState;
import io.mailserver.imap.client.MailboxChanges;
import io.mailserver.imap.client.MailboxInfo;
import io.mailserver.imap.client.MailboxSelection;
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
        return session.onContext(storage.selectMailbox(account.accountId(), command.mailbox(), claimRecent))
                .flatMap(snapshot -> {
                    selected(session, command, snapshot);
                    QresyncParameters qresync = command.qresync();
                    if (qresync == null
                            || qresync.uidValidity() != Integer.toUnsignedLong(snapshot.mailbox().uidValidity())) {
                        return Uni.createFrom().item(done);
                    }
                    return session.onContext(storage.changesSince(account.accountId(),
                                    snapshot.mailbox().mailboxId(), qresync.modseq(), false))
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
    private static void resynchronize(ImapSession session, QresyncParameters qresync, MailboxChanges changes) {
        SelectedMailbox mailbox = session.selected().mailbox();
        MessageNumbers numbers = mailbox.messages();
        MailboxUpdates.reportVanishedEarlier(session, changes.expunged(), uid -> qresync.knownUids() == null
                || qresync.knownUids().contains(uid, MailboxUpdates.LARGEST_UID));
        for (FlagState message : changes.changed()) {
            int sequence = numbers.sequenceOf(message.uid());
            if (sequence > 0 && message.modseq() > qresync.modseq()) {
                session.send(new FetchResponse(sequence, SessionFlags.changeItems(session, message.uid(),
                        message.flags(), message.modseq(), true)));
            }
        }
    }

    private static void selected(ImapSession session, SelectCommand command, MailboxSelection snapshot) {
        session.lastChangesCheck(System.nanoTime()); // the snapshot is as fresh as any report
        MailboxInfo mailbox = snapshot.mailbox();
        MessageNumbers numbers = snapshot.uids();
        SessionFlags.send(session, snapshot.keywords(), command.readOnly());
        session.send(new NumberedResponse(numbers.size(), NumberedResponse.Kind.EXISTS));
        // EXAMINE shows messages nobody claimed as \Recent (RFC 3501); rev2 has no \Recent at all
        MessageNumbers recent = session.rev2() ? MessageNumbers.EMPTY : recent(snapshot);
        if (session.rev2()) {
            // RFC 9051 §6.3.2: the mailbox's name as the server spells it, with accurate attributes
            String use = SpecialUses.attribute(mailbox.role());
            session.send(new ListResponse("LIST", use == null ? List.of() : List.of(use), "/", mailbox.name(),
                    List.of()));
        } else {
            session.send(new NumberedResponse(recent.size(), NumberedResponse.Kind.RECENT));
        }
        if (snapshot.firstUnseenUid() != 0 && !session.rev2()) {
            int sequence = numbers.sequenceOf(snapshot.firstUnseenUid());
            if (sequence > 0) {
                session.send(StatusResponse.untagged(Status.OK, ResponseCode.number("UNSEEN", sequence),
                        "First unseen message"));
            }
        }
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("UIDVALIDITY", Integer.toUnsignedLong(mailbox.uidValidity())), "UIDs valid"));
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("UIDNEXT", Integer.toUnsignedLong(mailbox.uidNext())), "Predicted next UID"));
        // RFC 7162 §3.1.1: every SELECT of a server keeping mod-sequences says the highest one
        session.send(StatusResponse.untagged(Status.OK,
                ResponseCode.number("HIGHESTMODSEQ", mailbox.highestModseq()), "Highest"));
        session.send(StatusResponse.untagged(Status.OK, ResponseCode.mailboxId(mailbox.mailboxId()), "Ok"));
        session.state(new SessionState.Selected(session.account(),
                new SelectedMailbox(mailbox.mailboxId(), mailbox.name(), command.readOnly(),
                        mailbox.uidValidity(), numbers, mailbox.highestModseq(), MessageNumbers.EMPTY,
                        Set.copyOf(snapshot.keywords()), recent, MessageNumbers.EMPTY)));
    }

    /** The snapshot's UIDs storage gave this session as \Recent: all from the first claimed one up. */
    private static MessageNumbers recent(MailboxSelection snapshot) {
        if (snapshot.firstRecentUid() == 0) {
            return MessageNumbers.EMPTY;
        }
        return snapshot.uids().from(snapshot.firstRecentUid());
    }
}
