package io.mailserver.imap.handler;

import io.mailserver.contracts.storage.v1.Mailbox;
import io.mailserver.contracts.storage.v1.MailboxSnapshot;
import io.mailserver.contracts.storage.v1.UidRange;
import io.mailserver.contracts.storage.v1.UidSet;
import io.mailserver.imap.client.StorageClient;
import io.mailserver.imap.command.SelectCommand;
import io.mailserver.imap.reply.Completion;
import io.mailserver.imap.reply.FlagsResponse;
import io.mailserver.imap.reply.NumberedResponse;
import io.mailserver.imap.reply.ResponseCode;
import io.mailserver.imap.reply.Status;
import io.mailserver.imap.reply.StatusResponse;
import io.mailserver.imap.session.ImapSession;
import io.mailserver.imap.session.MessageNumbers;
import io.mailserver.imap.session.SelectedMailbox;
import io.mailserver.imap.session.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
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
        if (session.selected() != null) {
            session.state(new SessionState.Authenticated(account));
        }
        return session.onContext(storage.selectMailbox(account.getAccountId(), command.mailbox(), !command.readOnly()))
                .map(snapshot -> {
                    selected(session, command, snapshot);
                    return Completion.ok(command.readOnly() ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE,
                            command.name() + " completed");
                });
    }

    private static void selected(ImapSession session, SelectCommand command, MailboxSnapshot snapshot) {
        Mailbox mailbox = snapshot.getMailbox();
        MessageNumbers numbers = MessageNumbers.of(snapshot.getUids());
        SessionFlags.send(session, snapshot.getKeywordsList(), command.readOnly());
        session.send(new NumberedResponse(numbers.size(), NumberedResponse.Kind.EXISTS));
        MessageNumbers recent = recent(snapshot);
        session.send(new NumberedResponse(recent.size(), NumberedResponse.Kind.RECENT));
        if (snapshot.getFirstUnseenUid() != 0) {
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
        session.state(new SessionState.Selected(session.account(),
                new SelectedMailbox(mailbox.getMailboxId(), mailbox.getName(), command.readOnly(),
                        mailbox.getUidValidity(), numbers, mailbox.getHighestModseq(), MessageNumbers.EMPTY,
                        Set.copyOf(snapshot.getKeywordsList()), recent)));
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
